// Generated from Vouch's OpenAPI document by `npm run client:generate`: do not edit by hand.
// A test fails when this file is not what generation gives for the current server.

export interface paths {
    "/rest/v2/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service information */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log of the account, newest first (paged) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    action?: string;
                    subjectId?: string;
                    actorId?: string;
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OAuth2 client-credentials token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        /** Create an API token (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        roles: ("ADMIN" | "VERIFIER" | "REVIEWER" | "BULK_VERIFIER" | "REPORTER")[];
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an OAuth2 client (secret shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        roles: ("ADMIN" | "VERIFIER" | "REVIEWER" | "BULK_VERIFIER" | "REPORTER")[];
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/program/{programId}/theme": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Program theme */
        get: {
            parameters: {
                query?: {
                    locale?: string;
                };
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/program/{programId}/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search organizations a program accepts */
        get: {
            parameters: {
                query?: {
                    name?: string;
                    country?: string;
                };
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        /** Create a program */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/programs/{programId}/reward-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add single-use reward codes (text/csv) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/organizations/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import organizations (text/csv) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/roster/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import eligible people (text/csv); ?replace=true replaces the whole roster */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a verification */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. Ignored without a bearer token. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/program/{programId}/step/{step}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a verification and submit its first step */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. Ignored without a bearer token. */
                    "idempotency-key"?: string;
                };
                path: {
                    programId: string;
                    step: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/{verificationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current state of a verification */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/{verificationId}/step/{step}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a step */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. Without a token the key is scoped to the verification in the path. */
                    "idempotency-key"?: string;
                };
                path: {
                    verificationId: string;
                    step: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/{verificationId}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything recorded about a verification */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/program/{programId}/trackingId/{trackingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Latest verification for a tracking id (token of the program's account) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                    trackingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/review/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verifications awaiting review, oldest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/review/{verificationId}/document/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of a document (recorded), with its content flags in `Document-Flags` */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/review/{verificationId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject the documents */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/document/upload/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Upload the bytes of a declared document */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/reverify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-verify earlier verifications of a program */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/verification/reverify/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of a re-verification batch */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    batchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/report/reverify/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request the report of a re-verification batch */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path: {
                    batchId: string;
                };
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/report/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request a verification report over a date range */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/report/{reportId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status of a report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rest/v2/report/{reportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a report (text/csv) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/create-verification-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a file and send each client a link */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/update-verification-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add clients to a file or change a client */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/re-initiate-verification-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a request and send a new one */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                        bankingLoginRequired?: boolean;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/cancel-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a request */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/get-link-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new link to deliver yourself; it ends the link mailed before (replacedLinkId) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/verification-details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Status and profile of a request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/casefile/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A file and its requests */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileReferenceId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/casefile/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What happened to a file */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileReferenceId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/casefile/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a file */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileReferenceId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/casefile/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a file */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileReferenceId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange client credentials for a bearer token (text/plain) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/verification-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The report as a base64 PDF with its summary */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/report-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The report's metadata, checks and client information */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientRequestId: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/review-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject a report (REVIEWER) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client/generate-sample-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sandbox: a sample report for a pending request (test-mode accounts) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/casefile/transaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read-only view of a file's verifications by its transactionKey */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        transactionKey: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Account settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change account settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Not yet described in this document */
            requestBody?: {
                content: {
                    "*/*": unknown;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        trace?: never;
    };
    "/manage/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        /** Register an endpoint (its signing secret is shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                        eventTypes: string[];
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/webhooks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events, newest first, with their deliveries */
        get: {
            parameters: {
                query?: {
                    type?: string;
                    subjectId?: string;
                    before?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/webhooks/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event with its deliveries */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    eventId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/webhooks/events/{eventId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event again */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes a retry safe: the first answer is stored 24 h and replayed (Idempotent-Replayed: true) to the same bearer token (an OAuth access token: any token of its client); same key with another request: 422; while the first runs: 409; a first request the server died during is run again by a retry once its lease has ended. */
                    "idempotency-key"?: string;
                };
                path: {
                    eventId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpointId?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/webhooks/deliveries/{deliveryId}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Attempts of a delivery */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manage/v1/webhooks/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an endpoint */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Enable, disable or re-subscribe an endpoint */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        eventTypes?: string[];
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        trace?: never;
    };
    "/manage/v1/webhooks/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries to an endpoint, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "delivered" | "dead";
                    limit?: string;
                };
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not yet described in this document */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
