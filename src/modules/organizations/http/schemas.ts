import { z } from 'zod';
import { ORGANIZATION_TYPES } from '../domain/organization.ts';

/** SheerID's OrganizationDetails (`GET /rest/v2/organization/{verificationId}`). */
export const OrganizationDetailsAnswer = z
  .object({
    id: z.int().meta({ description: '0 for an organization the person typed (open organization search)' }),
    name: z.string(),
    type: z.string().meta({ description: `One of ${ORGANIZATION_TYPES.join(', ')}` }),
    street: z.string().meta({ description: 'Empty: Vouch keeps no postal address of an organization' }),
    city: z.string().meta({ description: 'Empty, as street' }),
    state: z.string().meta({ description: 'Empty, as street' }),
    zip: z.string().meta({ description: 'Empty, as street' }),
    country: z.string().meta({ description: "ISO 3166 alpha-2: the organization's, else the verification's" }),
  })
  .meta({
    description: 'The organization',
    examples: [
      { id: 5309774945, name: 'Stanford University', type: 'UNIVERSITY', street: '', city: '', state: '', zip: '', country: 'US' },
    ],
  });
