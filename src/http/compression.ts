// Response compression: pages are text and shrink four to six times; see docs/pages.md for the figures.

import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|xml|atom\+xml|akn\+xml|javascript)|image\/svg\+xml)/;
/** Below this, the header and the CPU cost more than the bytes saved. */
const MIN_COMPRESS_BYTES = 1024;
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The encoding to use for an Accept-Encoding header: br, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding).split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    accepted.set(name.trim(), Number.isNaN(quality) ? 0 : quality);
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return null;
}

/**
 * The payload compressed for this client when it is text of some size and the client accepts
 * br or gzip (setting Content-Encoding and Vary); else the payload as it was.
 */
export async function compressForClient(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (payload === null || payload === undefined || reply.getHeader('content-encoding')) return payload;
  if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams (archives) pass as they are
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/accept-encoding/i.test(vary)) reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (bytes.length < MIN_COMPRESS_BYTES) return payload;
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (!encoding) return payload;
  const compressed =
    encoding === 'br'
      ? // quality 5: most of brotli's gain at a small fraction of the default's (11) time
        await brotliAsync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
      : await gzipAsync(bytes, { level: 6 });
  reply.header('content-encoding', encoding);
  reply.removeHeader('content-length');
  return compressed;
}

/** Compresses text responses (pages, JSON, XML) for clients that accept br or gzip. */
export function registerResponseCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => compressForClient(request, reply, payload));
}
