// Between each replica and the AWS emulator: a proxy that knows which
// replica asked, so a drill can kill that replica right after AWS applied
// its call and before the answer reaches it.
import http, { type IncomingMessage, type Server } from 'node:http';
import { mutatingCalls } from '../lib/emulator.ts';
import { EMULATOR } from './config.ts';
import type { Replica } from './replica.ts';

/**
 * Whether a request is the call of `service:Operation`: a JSON target, a REST
 * path (kebab-case as Control Tower's, or the operation's name as Lake
 * Formation's), or a query-protocol Action (IAM, STS).
 */
export function isOperation(
  req: IncomingMessage,
  body: string,
  operation: string,
): boolean {
  const name = operation.split(':')[1];
  const path = (req.url ?? '').split('?')[0];
  const kebab = `/${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
  return (
    String(req.headers['x-amz-target'] ?? '').endsWith(`.${name}`) ||
    path === kebab ||
    path === `/${name}` ||
    new URLSearchParams(body).get('Action') === name
  );
}

/**
 * A replica's way to AWS: forwards to the emulator; while armed, kills the
 * replica whose call of the armed operation the emulator has applied,
 * before the answer reaches it. One drill kills one replica: the armed
 * state is shared, so the other replica's calls in flight never fire it.
 */
export function awsProxy(port: number, replica: Replica): Promise<Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        `${EMULATOR}${req.url}`,
        { method: req.method, headers: req.headers },
        async answer => {
          const body: Buffer[] = [];
          for await (const c of answer) body.push(c as Buffer);
          const armed = replica.armed;
          if (
            armed &&
            !armed.done &&
            isOperation(req, Buffer.concat(chunks).toString(), armed.operation)
          ) {
            const counts = await mutatingCalls(EMULATOR);
            if (!armed.done && (counts[armed.operation] ?? 0) > armed.before) {
              armed.done = true;
              replica.armed = undefined;
              replica.process?.kill();
              armed.fire(replica.name);
              res.destroy();
              return;
            }
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  return new Promise(done =>
    server.listen(port, '127.0.0.1', () => done(server)),
  );
}
