import { z } from 'zod';
import { eligibilityErrorResponses } from './error-schemas.ts';

/** `GET /rest/v2/info`: the versions SheerID's API answers with (all strings), and Vouch's own. */
export const ServiceInfo = z
  .looseObject({
    sheeridVersion: z.string().meta({ description: 'The version of the SheerID API this server speaks' }),
    sheeridGitCommit: z.string().meta({ description: 'SheerID names its build here; Vouch names its version (`vouch-<version>`)' }),
    puppetGitCommit: z.string().meta({ description: 'As `sheeridGitCommit`' }),
    buildTimestamp: z.string().meta({
      format: 'date-time',
      description: 'Always `1970-01-01T00:00:00.000Z`: kept for SheerID clients; the release is in `vouchVersion`',
    }),
    vouchVersion: z.string().meta({ description: 'The Vouch release' }),
  })
  .meta({
    description: 'Service information',
    examples: [
      {
        sheeridVersion: '2.0.0',
        sheeridGitCommit: 'vouch-0.1.0',
        puppetGitCommit: 'vouch-0.1.0',
        buildTimestamp: '1970-01-01T00:00:00.000Z',
        vouchVersion: '0.1.0',
      },
    ],
  });

/** The schema of the `GET /rest/v2/info` route: its tag, summary, answer and the dialect's errors. */
export const infoRouteSchema = {
  tags: ['eligibility'],
  summary: 'Service information',
  response: { 200: ServiceInfo, ...eligibilityErrorResponses },
};
