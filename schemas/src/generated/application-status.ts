// Generated from schemas/avro/application-status.avsc by scripts/generate-types.mjs. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type ApplicationStatus = DeAmtsboteApplicationV1.ApplicationStatus;

export namespace DeAmtsboteApplicationV1 {
    export const ApplicationStateSchema = "{\"type\":\"enum\",\"name\":\"ApplicationState\",\"symbols\":[\"received\",\"rejected\",\"translated\",\"delivered\",\"delivery_failed\",\"acknowledged\",\"in_progress\",\"decided\"]}";
    export const ApplicationStateName = "de.amtsbote.application.v1.ApplicationState";
    export type ApplicationState = "received" | "rejected" | "translated" | "delivered" | "delivery_failed" | "acknowledged" | "in_progress" | "decided";
    export const ProblemSchema = "{\"type\":\"record\",\"name\":\"Problem\",\"doc\":\"Machine-readable problem in the style of RFC 7807.\",\"fields\":[{\"name\":\"type\",\"type\":\"string\",\"doc\":\"URI identifying the problem type.\"},{\"name\":\"title\",\"type\":\"string\"},{\"name\":\"detail\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"instance\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Where the problem is, e.g. a field path or XPath.\"}]}";
    export const ProblemName = "de.amtsbote.application.v1.Problem";
    /**
     * Machine-readable problem in the style of RFC 7807.
     */
    export interface Problem {
        /**
         * URI identifying the problem type.
         */
        type: string;
        title: string;
        /**
         * Default: null
         */
        detail: null | string;
        /**
         * Where the problem is, e.g. a field path or XPath.
         *
         * Default: null
         */
        instance: null | string;
    }
    export const ApplicationStatusSchema = "{\"type\":\"record\",\"name\":\"ApplicationStatus\",\"namespace\":\"de.amtsbote.application.v1\",\"doc\":\"One step's outcome for one application. Topic applications.status.v1; the Kafka key is applicationId. See docs/status-model.md.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Derived from the causing event and the status, so a re-processed step emits the same id.\"},{\"name\":\"applicationId\",\"type\":\"string\"},{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"ApplicationState\",\"symbols\":[\"received\",\"rejected\",\"translated\",\"delivered\",\"delivery_failed\",\"acknowledged\",\"in_progress\",\"decided\"]}},{\"name\":\"occurredAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},{\"name\":\"source\",\"type\":\"string\",\"doc\":\"The service that observed the outcome, e.g. amtsbote/translator.\"},{\"name\":\"causationId\",\"type\":\"string\",\"doc\":\"Id of the event that caused this one.\"},{\"name\":\"messageId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The X\u00D6V message id (nachrichtenUUID), once there is one.\"},{\"name\":\"destinationId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The back office the message was routed to.\"},{\"name\":\"outcome\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"For decided: the decision, e.g. approved or refused.\"},{\"name\":\"detail\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"A short human-readable explanation without personal data.\"},{\"name\":\"problems\",\"default\":[],\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Problem\",\"doc\":\"Machine-readable problem in the style of RFC 7807.\",\"fields\":[{\"name\":\"type\",\"type\":\"string\",\"doc\":\"URI identifying the problem type.\"},{\"name\":\"title\",\"type\":\"string\"},{\"name\":\"detail\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"instance\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Where the problem is, e.g. a field path or XPath.\"}]}}},{\"name\":\"replay\",\"type\":\"boolean\",\"default\":false,\"doc\":\"True when the step ran again because an operator replayed records.\"}]}";
    export const ApplicationStatusName = "de.amtsbote.application.v1.ApplicationStatus";
    /**
     * One step's outcome for one application. Topic applications.status.v1; the Kafka key is applicationId. See docs/status-model.md.
     */
    export interface ApplicationStatus {
        /**
         * Derived from the causing event and the status, so a re-processed step emits the same id.
         */
        eventId: string;
        applicationId: string;
        status: DeAmtsboteApplicationV1.ApplicationState;
        occurredAt: Date;
        /**
         * The service that observed the outcome, e.g. amtsbote/translator.
         */
        source: string;
        /**
         * Id of the event that caused this one.
         */
        causationId: string;
        /**
         * The XÖV message id (nachrichtenUUID), once there is one.
         *
         * Default: null
         */
        messageId: null | string;
        /**
         * The back office the message was routed to.
         *
         * Default: null
         */
        destinationId: null | string;
        /**
         * For decided: the decision, e.g. approved or refused.
         *
         * Default: null
         */
        outcome: null | string;
        /**
         * A short human-readable explanation without personal data.
         *
         * Default: null
         */
        detail: null | string;
        /**
         * Default: []
         */
        problems: DeAmtsboteApplicationV1.Problem[];
        /**
         * True when the step ran again because an operator replayed records.
         *
         * Default: false
         */
        replay: boolean;
    }
}

