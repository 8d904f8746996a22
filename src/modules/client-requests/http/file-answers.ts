import { z } from 'zod';
import { fileStatus, id, profileText, requestStatus, wireDate } from './responses.ts';

// The answers of the routes about files, their requests and links (see responses.ts).

/** One link sent to the client; its URL only in the answer that issued it. */
const LinkView = z.looseObject({
  id: z.int(),
  link: z.string().nullable().meta({ description: 'The URL to send the client; null except in the answer that issued the link' }),
  startDate: wireDate.nullable(),
  endDate: wireDate.nullable(),
});

const RequestView = z.looseObject({
  clientRequestId: id,
  requesterClientRequestId: z.string().nullable(),
  email: profileText,
  requestStatus,
  report: z.string().nullable().meta({ description: "The report's number once the client submitted, else null" }),
  verificationReportExpiryDate: wireDate.nullable(),
  verificationReportExpiryWarningDate: wireDate.nullable(),
  links: z.array(LinkView),
  firstName: profileText,
  lastName: profileText,
});

/** A file with the requests the answer is about (create, update, re-initiate) or all of them (details). */
export const FileView = z.looseObject({
  requesterReferenceId: z.string(),
  fileReferenceId: id,
  fileName: z.string(),
  fileNumber: z.string(),
  fileStatus,
  transactionKey: z.string().meta({ description: 'Lets a third party read the file (POST /api/casefile/transaction)' }),
  requests: z.array(RequestView),
});

/** The re-initiate answer with the values the seed gives for a new request (the ids are Vouch's forms). */
export const SEED_FILE_EXAMPLE = {
  requesterReferenceId: 'MATTER-2021-0042',
  fileReferenceId: '0b6f3c2e-5d1a-4b8e-9f3a-2c7d1e4b5a60',
  fileName: 'Smith purchase',
  fileNumber: 'VF-20210324-3FA2C1',
  fileStatus: null,
  transactionKey: 'TK-Q7M2K9XW4PLB8RZT3N6D',
  requests: [
    {
      clientRequestId: '7d1e4b5a-600b-4f3c-8e5d-1a4b9f3a2c7d',
      requesterClientRequestId: 'client-1',
      email: 'client@example.com',
      requestStatus: 'pending',
      report: null,
      verificationReportExpiryDate: null,
      verificationReportExpiryWarningDate: null,
      links: [
        { id: 1, link: 'https://vouch.example/verify/vcl_example', startDate: '2021-03-24T12:00:00', endDate: '2021-03-27T12:00:00' },
      ],
      firstName: 'Jane',
      lastName: 'Doe',
    },
  ],
};

/** `get-link-info`: the new link, and the one it ended. */
export const IssuedLink = z.looseObject({
  id: z.int(),
  link: z.string(),
  startDate: wireDate.nullable(),
  endDate: wireDate.nullable(),
  replacedLinkId: z.int().nullable().meta({ description: 'The link this one ended (the mailed one too); null when none was live' }),
});

/** A client's profile as the organization gave it. */
const Profile = z.looseObject({
  firstName: profileText,
  middleName: z.string().nullable(),
  lastName: profileText,
  email: profileText,
  phoneNumber: profileText,
  dateOfBirth: z.string().nullable(),
});

/** `verification-details`. */
export const RequestDetails = z.looseObject({
  clientRequestId: id,
  requestStatus,
  requesterClientRequestId: z.string().nullable(),
  fileReferenceId: id,
  replacedBy: z.string().nullable().meta({ description: 'The request that replaced this one (re-initiate, update), else null' }),
  bankingLoginRequired: z.boolean(),
  profile: Profile,
  links: z.array(
    LinkView.extend({
      mailStatus: z
        .enum(['pending', 'sent', 'failed', 'unsent'])
        .nullable()
        .meta({ description: 'What became of the link mail; null for a link not to be mailed' }),
    }),
  ),
});

/** `casefile/events`: what happened to the file, oldest first. */
export const FileEvents = z.array(
  z.looseObject({
    eventId: z.int().meta({ description: '1xx the file, 2xx a request and its links, 3xx its report' }),
    message: z.string().meta({ examples: ['Case File has been created'] }),
    timeStamp: wireDate.nullable(),
    clientRequestId: z.string().nullable(),
  }),
);
