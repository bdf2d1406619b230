import { createServer, request, type IncomingHttpHeaders } from 'node:http';

/**
 * An HTTP relay that keeps each request as it arrived on the socket (method,
 * path, headers, raw body) and the answer it got, before forwarding it to the
 * real server: what the client really sent, not what it meant to send.
 */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  reply: Buffer;
}

export async function startHttpRecorder(target: string) {
  const seen: Recorded[] = [];
  const up = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fwd = request(
        {
          host: up.hostname,
          port: up.port,
          method: req.method,
          path: `${up.pathname.replace(/\/$/, '')}${req.url ?? ''}`,
          headers: { ...req.headers, host: up.host },
        },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            const reply = Buffer.concat(out);
            seen.push({
              method: req.method ?? '',
              path: req.url ?? '',
              headers: req.headers,
              body,
              status: answer.statusCode ?? 0,
              reply,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(reply);
          });
        },
      );
      fwd.on('error', () => res.destroy());
      fwd.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
