// Generated from schemas/avro/application-submitted.avsc by scripts/generate-types.mjs. Do not edit.
/* eslint-disable @typescript-eslint/no-namespace */

export type ApplicationSubmitted = DeAmtsboteApplicationV1.ApplicationSubmitted;

export namespace DeAmtsboteApplicationV1 {
    export const TenantSchema = "{\"type\":\"record\",\"name\":\"Tenant\",\"fields\":[{\"name\":\"ags\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Gemeindeschl\u00FCssel, 8 digits.\"},{\"name\":\"ars\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Regionalschl\u00FCssel, 12 digits.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"The municipality's name as shown to the applicant.\"}]}";
    export const TenantName = "de.amtsbote.application.v1.Tenant";
    export interface Tenant {
        /**
         * Amtlicher Gemeindeschlüssel, 8 digits.
         *
         * Default: null
         */
        ags: null | string;
        /**
         * Amtlicher Regionalschlüssel, 12 digits.
         *
         * Default: null
         */
        ars: null | string;
        /**
         * The municipality's name as shown to the applicant.
         */
        name: string;
    }
    export const ApplicantKindSchema = "{\"type\":\"enum\",\"name\":\"ApplicantKind\",\"symbols\":[\"PERSON\",\"ORGANISATION\"]}";
    export const ApplicantKindName = "de.amtsbote.application.v1.ApplicantKind";
    export type ApplicantKind = "PERSON" | "ORGANISATION";
    export const AddressSchema = "{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"houseNumber\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"postalCode\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},{\"name\":\"countryCode\",\"type\":\"string\",\"default\":\"DE\",\"doc\":\"ISO 3166-1 alpha-2.\"}]}";
    export const AddressName = "de.amtsbote.application.v1.Address";
    export interface Address {
        street: string;
        /**
         * Default: null
         */
        houseNumber: null | string;
        postalCode: string;
        city: string;
        /**
         * ISO 3166-1 alpha-2.
         *
         * Default: "DE"
         */
        countryCode: string;
    }
    export const ApplicantSchema = "{\"type\":\"record\",\"name\":\"Applicant\",\"doc\":\"The person or organisation that submitted the application.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"ApplicantKind\",\"symbols\":[\"PERSON\",\"ORGANISATION\"]}},{\"name\":\"familyName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"givenName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"birthDate\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},{\"name\":\"organisationName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"address\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"houseNumber\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"postalCode\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},{\"name\":\"countryCode\",\"type\":\"string\",\"default\":\"DE\",\"doc\":\"ISO 3166-1 alpha-2.\"}]}},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"phone\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    export const ApplicantName = "de.amtsbote.application.v1.Applicant";
    /**
     * The person or organisation that submitted the application.
     */
    export interface Applicant {
        kind: DeAmtsboteApplicationV1.ApplicantKind;
        /**
         * Default: null
         */
        familyName: null | string;
        /**
         * Default: null
         */
        givenName: null | string;
        /**
         * Default: null
         */
        birthDate: null | Date;
        /**
         * Default: null
         */
        organisationName: null | string;
        address: DeAmtsboteApplicationV1.Address;
        /**
         * Default: null
         */
        email: null | string;
        /**
         * Default: null
         */
        phone: null | string;
    }
    export const GewerbeanzeigeArtSchema = "{\"type\":\"enum\",\"name\":\"GewerbeanzeigeArt\",\"symbols\":[\"ANMELDUNG\",\"UMMELDUNG\",\"ABMELDUNG\"]}";
    export const GewerbeanzeigeArtName = "de.amtsbote.application.v1.GewerbeanzeigeArt";
    export type GewerbeanzeigeArt = "ANMELDUNG" | "UMMELDUNG" | "ABMELDUNG";
    export const RegisterEntrySchema = "{\"type\":\"record\",\"name\":\"RegisterEntry\",\"fields\":[{\"name\":\"court\",\"type\":\"string\"},{\"name\":\"number\",\"type\":\"string\"}]}";
    export const RegisterEntryName = "de.amtsbote.application.v1.RegisterEntry";
    export interface RegisterEntry {
        court: string;
        number: string;
    }
    export const GewerbeanzeigeSchema = "{\"type\":\"record\",\"name\":\"Gewerbeanzeige\",\"doc\":\"Business registration, change or closure (Gewerbeanmeldung, -ummeldung, -abmeldung under \u00A7 14 GewO).\",\"fields\":[{\"name\":\"notice\",\"type\":{\"type\":\"enum\",\"name\":\"GewerbeanzeigeArt\",\"symbols\":[\"ANMELDUNG\",\"UMMELDUNG\",\"ABMELDUNG\"]}},{\"name\":\"effectiveDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Date the registration, change or closure takes effect.\"},{\"name\":\"businessName\",\"type\":\"string\",\"doc\":\"Registered or trading name of the business.\"},{\"name\":\"legalForm\",\"type\":\"string\",\"doc\":\"Legal form as the applicant stated it, e.g. Einzelunternehmen, GmbH.\"},{\"name\":\"activity\",\"type\":\"string\",\"doc\":\"Description of the business activity.\"},{\"name\":\"premises\",\"type\":\"Address\",\"doc\":\"Address of the business premises (Betriebsst\u00E4tte).\"},{\"name\":\"fullTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"partTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"isSideline\",\"type\":\"boolean\",\"default\":false,\"doc\":\"Nebenerwerb.\"},{\"name\":\"tradeRegister\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"RegisterEntry\",\"fields\":[{\"name\":\"court\",\"type\":\"string\"},{\"name\":\"number\",\"type\":\"string\"}]}],\"default\":null}]}";
    export const GewerbeanzeigeName = "de.amtsbote.application.v1.Gewerbeanzeige";
    /**
     * Business registration, change or closure (Gewerbeanmeldung, -ummeldung, -abmeldung under § 14 GewO).
     */
    export interface Gewerbeanzeige {
        notice: DeAmtsboteApplicationV1.GewerbeanzeigeArt;
        /**
         * Date the registration, change or closure takes effect.
         */
        effectiveDate: Date;
        /**
         * Registered or trading name of the business.
         */
        businessName: string;
        /**
         * Legal form as the applicant stated it, e.g. Einzelunternehmen, GmbH.
         */
        legalForm: string;
        /**
         * Description of the business activity.
         */
        activity: string;
        /**
         * Address of the business premises (Betriebsstätte).
         */
        premises: DeAmtsboteApplicationV1.Address;
        /**
         * Default: 0
         */
        fullTimeEmployees: number;
        /**
         * Default: 0
         */
        partTimeEmployees: number;
        /**
         * Nebenerwerb.
         *
         * Default: false
         */
        isSideline: boolean;
        /**
         * Default: null
         */
        tradeRegister: null | DeAmtsboteApplicationV1.RegisterEntry;
    }
    export const FormFieldSchema = "{\"type\":\"record\",\"name\":\"FormField\",\"fields\":[{\"name\":\"key\",\"type\":\"string\"},{\"name\":\"label\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}]}";
    export const FormFieldName = "de.amtsbote.application.v1.FormField";
    export interface FormField {
        key: string;
        label: string;
        value: string;
    }
    export const GenericFormSchema = "{\"type\":\"record\",\"name\":\"GenericForm\",\"doc\":\"A service without a typed contract of its own: the form's fields as labelled values, handed over as they are (e.g. to document management via xdomea).\",\"fields\":[{\"name\":\"fields\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"FormField\",\"fields\":[{\"name\":\"key\",\"type\":\"string\"},{\"name\":\"label\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}]}}}]}";
    export const GenericFormName = "de.amtsbote.application.v1.GenericForm";
    /**
     * A service without a typed contract of its own: the form's fields as labelled values, handed over as they are (e.g. to document management via xdomea).
     */
    export interface GenericForm {
        fields: DeAmtsboteApplicationV1.FormField[];
    }
    export const AttachmentReferenceSchema = "{\"type\":\"record\",\"name\":\"AttachmentReference\",\"doc\":\"A document the applicant uploaded; Amtsbote carries the reference, not the content.\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"doc\":\"File name as uploaded.\"},{\"name\":\"mediaType\",\"type\":\"string\",\"doc\":\"IANA media type, e.g. application/pdf.\"},{\"name\":\"size\",\"type\":\"long\",\"doc\":\"Size in bytes.\"},{\"name\":\"sha256\",\"type\":\"string\",\"doc\":\"Hex-encoded SHA-256 of the content.\"},{\"name\":\"uri\",\"type\":\"string\",\"doc\":\"Where the back office fetches the content.\"}]}";
    export const AttachmentReferenceName = "de.amtsbote.application.v1.AttachmentReference";
    /**
     * A document the applicant uploaded; Amtsbote carries the reference, not the content.
     */
    export interface AttachmentReference {
        /**
         * File name as uploaded.
         */
        name: string;
        /**
         * IANA media type, e.g. application/pdf.
         */
        mediaType: string;
        /**
         * Size in bytes.
         */
        size: number;
        /**
         * Hex-encoded SHA-256 of the content.
         */
        sha256: string;
        /**
         * Where the back office fetches the content.
         */
        uri: string;
    }
    export const FrontOfficeSchema = "{\"type\":\"record\",\"name\":\"FrontOffice\",\"fields\":[{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Name of the online service or portal.\"},{\"name\":\"version\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    export const FrontOfficeName = "de.amtsbote.application.v1.FrontOffice";
    export interface FrontOffice {
        /**
         * Name of the online service or portal.
         */
        system: string;
        /**
         * Default: null
         */
        version: null | string;
    }
    export const ApplicationSubmittedSchema = "{\"type\":\"record\",\"name\":\"ApplicationSubmitted\",\"namespace\":\"de.amtsbote.application.v1\",\"doc\":\"A citizen's or company's application as a front office (online service) submitted it. Topic applications.submitted.v1; the Kafka key is applicationId.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event; the X\u00D6V message id is derived from it, so it must be stable across re-sends of the same submission.\"},{\"name\":\"applicationId\",\"type\":\"string\",\"doc\":\"The application's (Vorgang's) id assigned by the front office; the Kafka key and the correlation id of every later event.\"},{\"name\":\"tenant\",\"doc\":\"The municipality responsible for the application.\",\"type\":{\"type\":\"record\",\"name\":\"Tenant\",\"fields\":[{\"name\":\"ags\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Gemeindeschl\u00FCssel, 8 digits.\"},{\"name\":\"ars\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Regionalschl\u00FCssel, 12 digits.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"The municipality's name as shown to the applicant.\"}]}},{\"name\":\"serviceKey\",\"type\":\"string\",\"doc\":\"Leistungsschl\u00FCssel from the Leistungskatalog (LeiKa), 14 digits, e.g. 99050012104000 = Gewerbe anmelden.\"},{\"name\":\"serviceName\",\"type\":\"string\",\"doc\":\"The service's name as shown to the applicant.\"},{\"name\":\"applicant\",\"type\":{\"type\":\"record\",\"name\":\"Applicant\",\"doc\":\"The person or organisation that submitted the application.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"ApplicantKind\",\"symbols\":[\"PERSON\",\"ORGANISATION\"]}},{\"name\":\"familyName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"givenName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"birthDate\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},{\"name\":\"organisationName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"address\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"houseNumber\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"postalCode\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},{\"name\":\"countryCode\",\"type\":\"string\",\"default\":\"DE\",\"doc\":\"ISO 3166-1 alpha-2.\"}]}},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"phone\",\"type\":[\"null\",\"string\"],\"default\":null}]}},{\"name\":\"data\",\"doc\":\"The service-specific part of the application, one typed record per kind of service.\",\"type\":[{\"type\":\"record\",\"name\":\"Gewerbeanzeige\",\"doc\":\"Business registration, change or closure (Gewerbeanmeldung, -ummeldung, -abmeldung under \u00A7 14 GewO).\",\"fields\":[{\"name\":\"notice\",\"type\":{\"type\":\"enum\",\"name\":\"GewerbeanzeigeArt\",\"symbols\":[\"ANMELDUNG\",\"UMMELDUNG\",\"ABMELDUNG\"]}},{\"name\":\"effectiveDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Date the registration, change or closure takes effect.\"},{\"name\":\"businessName\",\"type\":\"string\",\"doc\":\"Registered or trading name of the business.\"},{\"name\":\"legalForm\",\"type\":\"string\",\"doc\":\"Legal form as the applicant stated it, e.g. Einzelunternehmen, GmbH.\"},{\"name\":\"activity\",\"type\":\"string\",\"doc\":\"Description of the business activity.\"},{\"name\":\"premises\",\"type\":\"Address\",\"doc\":\"Address of the business premises (Betriebsst\u00E4tte).\"},{\"name\":\"fullTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"partTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"isSideline\",\"type\":\"boolean\",\"default\":false,\"doc\":\"Nebenerwerb.\"},{\"name\":\"tradeRegister\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"RegisterEntry\",\"fields\":[{\"name\":\"court\",\"type\":\"string\"},{\"name\":\"number\",\"type\":\"string\"}]}],\"default\":null}]},{\"type\":\"record\",\"name\":\"GenericForm\",\"doc\":\"A service without a typed contract of its own: the form's fields as labelled values, handed over as they are (e.g. to document management via xdomea).\",\"fields\":[{\"name\":\"fields\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"FormField\",\"fields\":[{\"name\":\"key\",\"type\":\"string\"},{\"name\":\"label\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}]}}}]}]},{\"name\":\"attachments\",\"default\":[],\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"AttachmentReference\",\"doc\":\"A document the applicant uploaded; Amtsbote carries the reference, not the content.\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"doc\":\"File name as uploaded.\"},{\"name\":\"mediaType\",\"type\":\"string\",\"doc\":\"IANA media type, e.g. application/pdf.\"},{\"name\":\"size\",\"type\":\"long\",\"doc\":\"Size in bytes.\"},{\"name\":\"sha256\",\"type\":\"string\",\"doc\":\"Hex-encoded SHA-256 of the content.\"},{\"name\":\"uri\",\"type\":\"string\",\"doc\":\"Where the back office fetches the content.\"}]}}},{\"name\":\"frontOffice\",\"type\":{\"type\":\"record\",\"name\":\"FrontOffice\",\"fields\":[{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Name of the online service or portal.\"},{\"name\":\"version\",\"type\":[\"null\",\"string\"],\"default\":null}]}},{\"name\":\"submittedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}";
    export const ApplicationSubmittedName = "de.amtsbote.application.v1.ApplicationSubmitted";
    /**
     * A citizen's or company's application as a front office (online service) submitted it. Topic applications.submitted.v1; the Kafka key is applicationId.
     */
    export interface ApplicationSubmitted {
        /**
         * Unique id of this event; the XÖV message id is derived from it, so it must be stable across re-sends of the same submission.
         */
        eventId: string;
        /**
         * The application's (Vorgang's) id assigned by the front office; the Kafka key and the correlation id of every later event.
         */
        applicationId: string;
        /**
         * The municipality responsible for the application.
         */
        tenant: DeAmtsboteApplicationV1.Tenant;
        /**
         * Leistungsschlüssel from the Leistungskatalog (LeiKa), 14 digits, e.g. 99050012104000 = Gewerbe anmelden.
         */
        serviceKey: string;
        /**
         * The service's name as shown to the applicant.
         */
        serviceName: string;
        applicant: DeAmtsboteApplicationV1.Applicant;
        /**
         * The service-specific part of the application, one typed record per kind of service.
         */
        data: {
            "de.amtsbote.application.v1.Gewerbeanzeige": DeAmtsboteApplicationV1.Gewerbeanzeige;
            "de.amtsbote.application.v1.GenericForm"?: never;
        } | {
            "de.amtsbote.application.v1.Gewerbeanzeige"?: never;
            "de.amtsbote.application.v1.GenericForm": DeAmtsboteApplicationV1.GenericForm;
        };
        /**
         * Default: []
         */
        attachments: DeAmtsboteApplicationV1.AttachmentReference[];
        frontOffice: DeAmtsboteApplicationV1.FrontOffice;
        submittedAt: Date;
    }
}

