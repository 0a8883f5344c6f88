import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Everything shown in the app came from PDFs nobody vouches for: the page may run only the app's
 * own scripts and styles (no inline script, no other origin), and may not be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance, isSecure: (req: FastifyRequest) => boolean): void {
  app.addHook('onSend', async (req, reply, payload) => {
    // a route may set a stricter one (the original file: sandbox)
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (isSecure(req)) reply.header('strict-transport-security', 'max-age=31536000');
    // API answers are per user and change: never cached unless a route says otherwise (images)
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
