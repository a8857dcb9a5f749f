/**
 * The Content-Security-Policy of the renderer, the same for the Electron window and the web host:
 * only the app's own scripts, no remote content, no plugins, no framing.
 */
export function contentSecurityPolicy({ dev = false, meta = false, scriptHashes = [] }: { dev?: boolean; meta?: boolean; scriptHashes?: readonly string[] } = {}): string {
  const directives = [
    "default-src 'self'",
    // The built page names its one script by hash (see electron.vite.config.ts), so not even a file that
    // lands beside the app can run; the dev server's many modules, and the header, fall back to 'self'.
    scriptHashes.length ? `script-src ${scriptHashes.map((hash) => `'${hash}'`).join(' ')}` : "script-src 'self'",
    // Svelte sets style attributes for transitions; no stylesheet comes from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws://localhost:* http://localhost:*" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // A <meta> policy may not carry frame-ancestors; the web host sends it as a header instead.
  if (!meta) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
