import type { FastifyBaseLogger } from 'fastify';
import type { LinkMailWorkerOptions } from '../modules/client-requests/index.ts';
import type { Metrics } from '../platform/http/metrics.ts';
import type { Config } from './config.ts';

/** How this process's link mail worker runs: its configuration, and what it logs and counts. */
export function linkMailOptions(config: Config, metrics: Metrics, log: FastifyBaseLogger): LinkMailWorkerOptions {
  return {
    concurrency: config.mailConcurrency,
    resend: { delaySeconds: config.mailResendDelaySeconds, maxDelaySeconds: config.mailResendMaxDelaySeconds },
    // Ids, the reason's codes and the next try: never the address or the client's name.
    onFailure: (f) => {
      metrics.mailFailures.inc();
      log.warn(
        {
          linkId: f.linkId,
          accountId: f.accountId,
          clientRequestId: f.clientRequestId,
          reason: f.reason,
          failedRounds: f.failedRounds,
          retryInSeconds: f.retryInSeconds,
        },
        'link mail could not be sent',
      );
    },
    // Development (no SMTP_URL): the link itself, which the .eml file holds quoted-printable and wrapped.
    // Never with a real mail server: the link is the client's capability.
    onSent: (sent) => {
      if (!config.smtpUrl && sent.file)
        log.info({ linkId: sent.linkId, link: sent.url, file: sent.file }, 'link mail written to the outbox');
    },
  };
}
