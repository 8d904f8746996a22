import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { SmsSender } from '../../../platform/sms/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { Program } from '../../programs/index.ts';
import type { DeclarationCheck, FileDeclaration, PresentedDocument, receiveUpload, reviewInfo } from '../../documents/index.ts';
import type { RosterQuery } from '../../rosters/index.ts';
import type { EventOutbox } from '../../webhooks/index.ts';
import type { ConsumersRepository } from '../infra/consumers-repository.ts';
import type { ConversionsRepository } from '../infra/conversions-repository.ts';
import type { SearchRepository } from '../infra/search-repository.ts';
import type { VerificationLimitsRepository } from '../infra/verification-limits-repository.ts';
import type { VerificationsRepository } from '../infra/verifications-repository.ts';

/** A document awaiting review, as the documents module describes it to a reviewer. */
export type ReviewDocumentInfo = Awaited<ReturnType<typeof reviewInfo>>[number];

/** What the engine needs from other modules, wired in src/main. */
export interface VerificationsDeps {
  repo: VerificationsRepository;
  /** Same-person counts under the programs' verification limits. */
  limits: VerificationLimitsRepository;
  conversions: ConversionsRepository;
  search: SearchRepository;
  /** The people programs' accounts remember (Remember-Me). */
  consumers: ConsumersRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  programs: {
    load(id: string, callerAccountId?: string | null): Promise<Program>;
    remainingRewardCodes(programId: string): Promise<number>;
    claimRewardCode(exec: Database, programId: string, verificationId: string, now: Date): Promise<string | undefined>;
  };
  organizations: {
    find(accountId: string, id: number): Promise<{ id: number; name: string; type: string; domain?: string | null } | null>;
  };
  rosters: { matchMany(queries: RosterQuery[], exec?: Database): Promise<boolean[]> };
  documents: {
    check(body: unknown, limits: { maxFiles: number; maxFileSize: number }): DeclarationCheck;
    declare(v: { id: string; accountId: string }, attempt: number, files: FileDeclaration[]): Promise<PresentedDocument[]>;
    attempt(verificationId: string, attempt: number): Promise<PresentedDocument[]>;
    fileNames(verificationId: string, attempt: number): Promise<string[]>;
    schedulePurge(exec: Database, verificationId: string, retentionDays: number): Promise<void>;
    purgeDue(): Promise<number>;
    reviewInfo(q: {
      accountId: string;
      verificationId: string;
      attempt: number;
      programId: string;
      personId: string | null;
    }): Promise<ReviewDocumentInfo[]>;
    /**
     * Queues, in the submit's transaction, the job that reads the attempt's documents against the person's
     * submitted name and organization; absent when documents are not read (`DOCUMENT_READING=off`).
     */
    queueReading?(
      exec: Database,
      job: {
        accountId: string;
        verificationId: string;
        attempt: number;
        person: { firstName: string; lastName: string; organization: string | null };
      },
    ): Promise<void>;
    /** Stores the bytes of a declared document, as its upload URL does (the legacy multipart upload). */
    receive(upload: Parameters<typeof receiveUpload>[1]): ReturnType<typeof receiveUpload>;
  };
  /** Webhook events, written in the transaction of the change they tell. */
  events: EventOutbox;
  /** The defenses against scripted abuse (the abuse module's, wired in src/main). */
  abuse: AbusePort;
  /** Single sign-on at the person's organization (the sso module's, wired in src/main). */
  sso: SsoPort;
  /** Mail to the person (the Remember-Me and email loop codes). */
  mailer: Mailer;
  /** Text messages to the person (the SMS loop's codes). */
  sms: SmsSender;
  /** Test mode: how long the special document names wait before their automatic decision. */
  testReviewDelaySeconds: number;
}

/** What the engine asks of single sign-on. */
export interface SsoPort {
  /** Whether the account's organization signs its people in (an OpenID Connect or SAML binding). */
  offers(accountId: string, organizationId: number): Promise<boolean>;
  /**
   * Where to send the person's browser to sign in for this verification (a new sign-in each call). The
   * answer comes back through `finishSignIn` (verifications' index.ts).
   */
  begin(v: { id: string; accountId: string; organizationId: number | null; testMode: boolean }): Promise<string>;
}

/** One attempt the abuse defenses judge: a start, a person step (with who the person says they are), or any other step. */
export interface AbuseAttempt {
  kind: 'start' | 'person' | 'step';
  accountId: string;
  programId: string;
  /** The program's abuse settings (`ProgramConfig['abuse']`). */
  rules: Program['config']['abuse'];
  /** Null for a start: the verification does not exist yet. */
  verificationId: string | null;
  step: string | null;
  testMode: boolean;
  ip: string | null;
  /** Person steps only. */
  email?: string;
  /** A keyed digest of the person (first name, last name, birth date), as the same-person limit keys it. */
  personKey?: string;
  deviceFingerprintHash?: string;
}

/** Refused: the errorId clients already handle, and the reason the abuse defenses record (never shown: see `refusalMessage`). */
export type AbuseVerdict = { ok: true } | { ok: false; errorId: 'fraudRulesReject' | 'verificationLimitExceeded'; reason: string };

/** What the engine asks of the abuse defenses. */
export interface AbusePort {
  /** Judges an attempt (and counts it toward the velocity limits); a refusal is recorded by the defenses. */
  judge(attempt: AbuseAttempt): Promise<AbuseVerdict>;
}
