import type { Construct, Event, Extension, Token, TokenizeContext, Tokenizer } from 'micromark-util-types';

/**
 * GFM's bare links (`https://…`, `www.…`, `name@example.org`) in linear time.
 *
 * micromark-extension-gfm-autolink-literal 2.1 asks, at every place a bare link could start, whether a link label
 * (`[`) is open before it, by walking back over the paragraph's events; it remembers only the answer "none". So
 * after one `[` left open for long (a JSON array in a note, closed by its last byte) every later word walks back
 * to it, and the parse grows with the square of the paragraph: 275 KB of JSON took 15 s, 550 KB 51 s, past the
 * import's time limit. Here the same question is answered from the label starts micromark keeps, and the
 * extension's own walk is handed a one-event answer. Its links are otherwise read as before (`markdown-autolinks.test.ts`).
 */
const AUTOLINKS = new Set(['emailAutolink', 'wwwAutolink', 'protocolAutolink']);

/**
 * Whether a link or image label is open where `context` is: the question the extension asks of its events. A label
 * start that formed a link is taken out of them and out of `_labelStarts`; one closed by a `]` that made no link is
 * marked balanced in both; the rest are open. So the label starts micromark keeps (the few not yet closed) answer it.
 */
export function labelOpenIn(context: Pick<TokenizeContext, '_labelStarts'>): boolean {
  const starts = context._labelStarts ?? [];
  for (let index = starts.length - 1; index >= 0; index--) if (!starts[index]!._balanced) return true;
  return false;
}

/** What the extension's walk reads as "a label is open": one label start, never balanced (it reads only its type and that). */
const OPEN_LABEL: Event[] = [['enter', { type: 'labelLink' } as Token, {} as TokenizeContext]];
const NO_EVENTS: Event[] = [];

const fastConstructs = new WeakMap<Construct, Construct>();

/** The construct, its tokenizer reading `events` as the one-event answer (it reads nothing else of them). */
function withFastLabelCheck(construct: Construct): Construct {
  if (!construct.name || !AUTOLINKS.has(construct.name)) return construct;
  let fast = fastConstructs.get(construct);
  if (!fast) {
    const tokenize = construct.tokenize;
    const answered: Tokenizer = function (this: TokenizeContext, effects, ok, nok) {
      const real = this;
      const context = Object.create(real, { events: { get: () => (labelOpenIn(real) ? OPEN_LABEL : NO_EVENTS) } }) as TokenizeContext;
      return tokenize.call(context, effects, ok, nok);
    };
    fast = { ...construct, tokenize: answered };
    fastConstructs.set(construct, fast);
  }
  return fast;
}

/** `gfm` (an extension as micromark-extension-gfm builds it) with its bare-link constructs made linear. */
export function withLinearAutolinks(gfm: Extension): Extension {
  const text: NonNullable<Extension['text']> = {};
  for (const [code, constructs] of Object.entries(gfm.text ?? {})) {
    text[Number(code)] = Array.isArray(constructs) ? constructs.map(withFastLabelCheck) : withFastLabelCheck(constructs as Construct);
  }
  return { ...gfm, text };
}
