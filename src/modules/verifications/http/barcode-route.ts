import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { BARCODE_SYMBOLOGIES, rewardBarcode } from '../app/barcode.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { pathParam } from './params.ts';

const Svg = {
  description: 'The reward code as an SVG image (bars and the code in text)',
  content: { 'image/svg+xml': { schema: z.custom<string>().meta({ type: 'string' }) } },
};

/** `GET /rest/v2/verification/{id}/barcode`: the reward code as an image. Public: the id is the capability. */
export function registerBarcodeRoute(root: FastifyInstance, deps: VerificationsDeps) {
  root.withTypeProvider<ZodTypeProvider>().get(
    '/rest/v2/verification/:verificationId/barcode',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'The reward code of a successful verification as a barcode image',
        params: z.object({ verificationId: pathParam('verificationId') }),
        querystring: z.object({
          rewardKey: z.string().max(100).optional().meta({ description: "Which reward: 'rewardCode' (the default, and the only one)" }),
          symbology: z
            .string()
            .max(20)
            .optional()
            .meta({ enum: [...BARCODE_SYMBOLOGIES], description: 'CODE_128 (the default); QR, ITF, UPC_A and PDF417 are not drawn' }),
        }),
        response: { 200: Svg, ...eligibilityErrorResponses },
      },
      config: rails(OPEN_READ),
    },
    async (req, reply) => {
      const svg = await rewardBarcode(deps, req.params.verificationId, req.principal, req.query);
      return reply.header('content-type', 'image/svg+xml').header('x-content-type-options', 'nosniff').send(svg);
    },
  );
}
