/** The renderer's Content-Security-Policy: sent as a header by main and embedded as a meta tag at build. */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** As an HTTP header (frame-ancestors only works there). */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** As a <meta> tag in the built page. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
