/**
 * The one module that imports KaTeX: TeX drawn as maths. `katex.render` builds the DOM node by node (no HTML
 * string is parsed), `trust: false` refuses \href, \url and \includegraphics, and a formula KaTeX cannot read is
 * shown as its source in the error colour rather than thrown.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

export function renderTex(element: HTMLElement, tex: string, display: boolean): void {
  katex.render(tex, element, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 500 });
}
