// Generated from schemas/avro/backoffice-reply.avsc by scripts/generate-types.mjs. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type BackofficeReply = DeAmtsboteBackofficeV1.BackofficeReply;

export namespace DeAmtsboteBackofficeV1 {
    export const ReplyChannelSchema = "{\"type\":\"enum\",\"name\":\"ReplyChannel\",\"symbols\":[\"http\",\"sftp\",\"folder\"]}";
    export const ReplyChannelName = "de.amtsbote.backoffice.v1.ReplyChannel";
    export type ReplyChannel = "http" | "sftp" | "folder";
    export const BackofficeReplySchema = "{\"type\":\"record\",\"name\":\"BackofficeReply\",\"namespace\":\"de.amtsbote.backoffice.v1\",\"doc\":\"A back office's reply (X\u00D6V XML) exactly as it was received, stored before Amtsbote acknowledges it. Topic backoffice.replies.v1; the Kafka key is the id of the message the reply refers to, so the replies to one message stay in order.\",\"fields\":[{\"name\":\"replyId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"The reply's own message id (nachrichtenUUID); the same reply sent twice has the same id.\"},{\"name\":\"inReplyTo\",\"type\":\"string\",\"doc\":\"The id of Amtsbote's message the reply refers to.\"},{\"name\":\"senderDestinationIds\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"The destinations the sender proved to speak for (by client certificate, token or its own inbox): one vendor system may serve several. The message replied to must have gone to one of them.\"},{\"name\":\"channel\",\"type\":{\"type\":\"enum\",\"name\":\"ReplyChannel\",\"symbols\":[\"http\",\"sftp\",\"folder\"]}},{\"name\":\"standard\",\"type\":\"string\"},{\"name\":\"standardVersion\",\"type\":\"string\"},{\"name\":\"messageType\",\"type\":\"string\",\"doc\":\"The root element's name, e.g. prozessnachrichten.eingangsbestaetigung.1120.\"},{\"name\":\"fileName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"For inbox channels: the file's name in the inbox.\"},{\"name\":\"receivedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},{\"name\":\"payload\",\"type\":\"bytes\",\"doc\":\"The XML document as received.\"}]}";
    export const BackofficeReplyName = "de.amtsbote.backoffice.v1.BackofficeReply";
    /**
     * A back office's reply (XÖV XML) exactly as it was received, stored before Amtsbote acknowledges it. Topic backoffice.replies.v1; the Kafka key is the id of the message the reply refers to, so the replies to one message stay in order.
     */
    export interface BackofficeReply {
        /**
         * The reply's own message id (nachrichtenUUID); the same reply sent twice has the same id.
         */
        replyId: string;
        /**
         * The id of Amtsbote's message the reply refers to.
         */
        inReplyTo: string;
        /**
         * The destinations the sender proved to speak for (by client certificate, token or its own inbox): one vendor system may serve several. The message replied to must have gone to one of them.
         */
        senderDestinationIds: string[];
        channel: DeAmtsboteBackofficeV1.ReplyChannel;
        standard: string;
        standardVersion: string;
        /**
         * The root element's name, e.g. prozessnachrichten.eingangsbestaetigung.1120.
         */
        messageType: string;
        /**
         * For inbox channels: the file's name in the inbox.
         *
         * Default: null
         */
        fileName: null | string;
        receivedAt: Date;
        /**
         * The XML document as received.
         */
        payload: Buffer;
    }
}

