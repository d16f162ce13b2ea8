/**
 * A webhook receiver on 127.0.0.1 for notification tests: records every POST (path and parsed JSON body) and
 * answers each path with the status a test chose (200 unless told otherwise).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedPost {
  path: string;
  body: Record<string, unknown>;
}

export interface WebhookServer {
  /** The URL of `path` on this server. */
  url(path: string): string;
  posts: RecordedPost[];
  /** The bodies posted to `path`, in the order they arrived. */
  bodies(path: string): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startWebhookServer(statusFor: (path: string) => number = () => 200): Promise<WebhookServer> {
  const posts: RecordedPost[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      posts.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as Record<string, unknown> });
      response.writeHead(statusFor(path), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await listen(server);
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    posts,
    bodies: (path) => posts.filter((p) => p.path === path).map((p) => p.body),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A URL on 127.0.0.1 that refuses connections: a port that was just listened on and closed again. */
export async function refusingUrl(path: string): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
