import { AppError } from '../../../shared/errors.ts';
import type { Principal } from '../../../shared/principal.ts';
import { code128Svg, encodableInCode128 } from '../domain/code128.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';

/** The symbologies drawn; SheerID's others (QR, ITF, UPC_A, PDF417) are refused by name. */
export const BARCODE_SYMBOLOGIES = ['CODE_128'] as const;

/**
 * `GET /verification/{id}/barcode?rewardKey=&symbology=`: the reward code of a successful verification as
 * an SVG image. A verification holds one reward, its `rewardCode` (the default `rewardKey`); another key,
 * a verification without a reward, or a code a symbology cannot carry is answered as such.
 */
export async function rewardBarcode(
  deps: VerificationsDeps,
  id: string,
  principal: Principal | null,
  query: { rewardKey?: string; symbology?: string },
): Promise<string> {
  const v = await loadVerification(deps, id, principal);
  const symbology = query.symbology ?? 'CODE_128';
  if (!(BARCODE_SYMBOLOGIES as readonly string[]).includes(symbology))
    throw new AppError('invalidRequest', 400, `Symbology '${symbology}' is not drawn; use one of: ${BARCODE_SYMBOLOGIES.join(', ')}`);
  const key = query.rewardKey ?? 'rewardCode';
  if (key !== 'rewardCode')
    throw new AppError('notFound', 404, `Verification '${v.id}' holds no reward '${key}'; its reward is 'rewardCode'`);
  if (v.currentStep !== 'success' || !v.rewardCode) throw new AppError('notFound', 404, `Verification '${v.id}' holds no reward code`);
  if (!encodableInCode128(v.rewardCode))
    throw new AppError('invalidRequest', 400, `The reward code of verification '${v.id}' cannot be drawn as ${symbology}`);
  return code128Svg(v.rewardCode);
}
