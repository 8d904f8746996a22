import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { loggableUrl } from './log-redaction.ts';

/**
 * One log line per request, when it is answered: method, path (capability tokens masked, no query
 * string), status, duration, client address; the request id comes with the request's logger. Fastify
 * would log two (`incoming request`, then `request completed`), which halves what a log shows.
 * A request the client gave up on before the answer logs nothing here, as with Fastify's default.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      url: loggableUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      remoteAddress: request.ip,
    };
    // The answer could not be written out (the connection broke while sending).
    if (error) reply.log.warn({ ...line, error: { message: error.message } }, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}
