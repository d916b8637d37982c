// Generated from schemas/avro/xoev-message.avsc by scripts/generate-types.mjs. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type XoevMessage = DeAmtsboteXoevV1.XoevMessage;

export namespace DeAmtsboteXoevV1 {
    export const XoevMessageSchema = "{\"type\":\"record\",\"name\":\"XoevMessage\",\"namespace\":\"de.amtsbote.xoev.v1\",\"doc\":\"A validated X\u00D6V message on its way to one back office. Topic xoev.outbound.v1; the Kafka key is applicationId.\",\"fields\":[{\"name\":\"messageId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"nachrichtenUUID: UUID v5 of the submission's event id, standard and message type; the Idempotency-Key of every delivery.\"},{\"name\":\"applicationId\",\"type\":\"string\"},{\"name\":\"submissionEventId\",\"type\":\"string\"},{\"name\":\"serviceKey\",\"type\":\"string\"},{\"name\":\"destinationId\",\"type\":\"string\",\"doc\":\"Key of the destination in the master data; the delivery service looks up its connector there.\"},{\"name\":\"standard\",\"type\":\"string\",\"doc\":\"e.g. xdomea, XBau, XGewerbeanzeige.\"},{\"name\":\"standardVersion\",\"type\":\"string\"},{\"name\":\"messageType\",\"type\":\"string\",\"doc\":\"The root element's name, e.g. Geschaeftsgang.Geschaeftsgang.0201.\"},{\"name\":\"contentType\",\"type\":\"string\",\"default\":\"application/xml\"},{\"name\":\"payload\",\"type\":\"bytes\",\"doc\":\"The XML document, UTF-8.\"},{\"name\":\"createdAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}";
    export const XoevMessageName = "de.amtsbote.xoev.v1.XoevMessage";
    /**
     * A validated XÖV message on its way to one back office. Topic xoev.outbound.v1; the Kafka key is applicationId.
     */
    export interface XoevMessage {
        /**
         * nachrichtenUUID: UUID v5 of the submission's event id, standard and message type; the Idempotency-Key of every delivery.
         */
        messageId: string;
        applicationId: string;
        submissionEventId: string;
        serviceKey: string;
        /**
         * Key of the destination in the master data; the delivery service looks up its connector there.
         */
        destinationId: string;
        /**
         * e.g. xdomea, XBau, XGewerbeanzeige.
         */
        standard: string;
        standardVersion: string;
        /**
         * The root element's name, e.g. Geschaeftsgang.Geschaeftsgang.0201.
         */
        messageType: string;
        /**
         * Default: "application/xml"
         */
        contentType: string;
        /**
         * The XML document, UTF-8.
         */
        payload: Buffer;
        createdAt: Date;
    }
}

