// The policy sent with every file of the renderer, by the app:// handler and browser mode alike.
// Nothing is loaded from elsewhere, no inline script or style runs, the page cannot be framed.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
