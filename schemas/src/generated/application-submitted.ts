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
    export const GewerbeNiederlassungsartSchema = "{\"type\":\"enum\",\"name\":\"GewerbeNiederlassungsart\",\"symbols\":[\"HAUPTNIEDERLASSUNG\",\"ZWEIGNIEDERLASSUNG\",\"UNSELBSTAENDIGE_ZWEIGSTELLE\"]}";
    export const GewerbeNiederlassungsartName = "de.amtsbote.application.v1.GewerbeNiederlassungsart";
    export type GewerbeNiederlassungsart = "HAUPTNIEDERLASSUNG" | "ZWEIGNIEDERLASSUNG" | "UNSELBSTAENDIGE_ZWEIGSTELLE";
    export const GewerbeBetriebsartSchema = "{\"type\":\"enum\",\"name\":\"GewerbeBetriebsart\",\"symbols\":[\"INDUSTRIE\",\"HANDWERK\",\"HANDEL\",\"SONSTIGES\"]}";
    export const GewerbeBetriebsartName = "de.amtsbote.application.v1.GewerbeBetriebsart";
    export type GewerbeBetriebsart = "INDUSTRIE" | "HANDWERK" | "HANDEL" | "SONSTIGES";
    export const GewerbeanzeigeSchema = "{\"type\":\"record\",\"name\":\"Gewerbeanzeige\",\"doc\":\"Business registration, change or closure (Gewerbeanmeldung, -ummeldung, -abmeldung under \u00A7 14 GewO).\",\"fields\":[{\"name\":\"notice\",\"type\":{\"type\":\"enum\",\"name\":\"GewerbeanzeigeArt\",\"symbols\":[\"ANMELDUNG\",\"UMMELDUNG\",\"ABMELDUNG\"]}},{\"name\":\"effectiveDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Date the registration, change or closure takes effect.\"},{\"name\":\"businessName\",\"type\":\"string\",\"doc\":\"Registered or trading name of the business.\"},{\"name\":\"legalForm\",\"type\":\"string\",\"doc\":\"Legal form as the applicant stated it, e.g. Einzelunternehmen, GmbH.\"},{\"name\":\"activity\",\"type\":\"string\",\"doc\":\"Description of the business activity.\"},{\"name\":\"premises\",\"type\":\"Address\",\"doc\":\"Address of the business premises (Betriebsst\u00E4tte).\"},{\"name\":\"fullTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"partTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"isSideline\",\"type\":\"boolean\",\"default\":false,\"doc\":\"Nebenerwerb.\"},{\"name\":\"tradeRegister\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"RegisterEntry\",\"fields\":[{\"name\":\"court\",\"type\":\"string\"},{\"name\":\"number\",\"type\":\"string\"}]}],\"default\":null},{\"name\":\"establishment\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"GewerbeNiederlassungsart\",\"symbols\":[\"HAUPTNIEDERLASSUNG\",\"ZWEIGNIEDERLASSUNG\",\"UNSELBSTAENDIGE_ZWEIGSTELLE\"]}],\"default\":null,\"doc\":\"What the notice is for: main establishment, branch, or dependent branch office (Hauptniederlassung, Zweigniederlassung, unselbst\u00E4ndige Zweigstelle). Null when the form did not ask.\"},{\"name\":\"businessTypes\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"GewerbeBetriebsart\",\"symbols\":[\"INDUSTRIE\",\"HANDWERK\",\"HANDEL\",\"SONSTIGES\"]}},\"default\":[],\"doc\":\"Kind of business (Art des Betriebes), any of the four boxes of the official form. Empty when the form did not ask.\"},{\"name\":\"legalFormCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The legal form as a code of the XGewerbeanzeige code list Rechtsformen, if the front office's form offers that list; legalForm stays the text the applicant saw.\"},{\"name\":\"reasonCodes\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Reason for the notice as codes of the XGewerbeanzeige code list for its kind (Grund f\u00FCr Anmeldung / Ummeldung / Abmeldung): one for ANMELDUNG and ABMELDUNG, one or more for UMMELDUNG. Empty when the form did not ask.\"}]}";
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
        /**
         * What the notice is for: main establishment, branch, or dependent branch office (Hauptniederlassung, Zweigniederlassung, unselbständige Zweigstelle). Null when the form did not ask.
         *
         * Default: null
         */
        establishment: null | DeAmtsboteApplicationV1.GewerbeNiederlassungsart;
        /**
         * Kind of business (Art des Betriebes), any of the four boxes of the official form. Empty when the form did not ask.
         *
         * Default: []
         */
        businessTypes: DeAmtsboteApplicationV1.GewerbeBetriebsart[];
        /**
         * The legal form as a code of the XGewerbeanzeige code list Rechtsformen, if the front office's form offers that list; legalForm stays the text the applicant saw.
         *
         * Default: null
         */
        legalFormCode: null | string;
        /**
         * Reason for the notice as codes of the XGewerbeanzeige code list for its kind (Grund für Anmeldung / Ummeldung / Abmeldung): one for ANMELDUNG and ABMELDUNG, one or more for UMMELDUNG. Empty when the form did not ask.
         *
         * Default: []
         */
        reasonCodes: string[];
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
    export const BaumassnahmeSchema = "{\"type\":\"enum\",\"name\":\"Baumassnahme\",\"symbols\":[\"ERRICHTUNG\",\"AENDERUNG\",\"NUTZUNGSAENDERUNG\",\"NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG\",\"ABGRABUNG\",\"BESEITIGUNG\"]}";
    export const BaumassnahmeName = "de.amtsbote.application.v1.Baumassnahme";
    export type Baumassnahme = "ERRICHTUNG" | "AENDERUNG" | "NUTZUNGSAENDERUNG" | "NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG" | "ABGRABUNG" | "BESEITIGUNG";
    export const GebaeudeklasseSchema = "{\"type\":\"enum\",\"name\":\"Gebaeudeklasse\",\"symbols\":[\"GK1\",\"GK2\",\"GK3\",\"GK4\",\"GK5\"]}";
    export const GebaeudeklasseName = "de.amtsbote.application.v1.Gebaeudeklasse";
    export type Gebaeudeklasse = "GK1" | "GK2" | "GK3" | "GK4" | "GK5";
    export const ListedCodeSchema = "{\"type\":\"record\",\"name\":\"ListedCode\",\"doc\":\"A code of a code list the front office names itself, because the list differs by Land.\",\"fields\":[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"listUri\",\"type\":\"string\",\"doc\":\"The code list's URI, e.g. a Land's list of Verfahrensarten.\"},{\"name\":\"listVersionId\",\"type\":\"string\"}]}";
    export const ListedCodeName = "de.amtsbote.application.v1.ListedCode";
    /**
     * A code of a code list the front office names itself, because the list differs by Land.
     */
    export interface ListedCode {
        code: string;
        /**
         * The code list's URI, e.g. a Land's list of Verfahrensarten.
         */
        listUri: string;
        listVersionId: string;
    }
    export const ParcelSchema = "{\"type\":\"record\",\"name\":\"Parcel\",\"fields\":[{\"name\":\"gemarkung\",\"type\":\"string\",\"doc\":\"Name of the Gemarkung, e.g. 'Ro\u00DFdorf'.\"},{\"name\":\"gemarkungNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Gemarkungsschl\u00FCssel (number of the Gemarkung in the Land's cadastre), if known.\"},{\"name\":\"flur\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flur number.\"},{\"name\":\"numerator\",\"type\":\"string\",\"doc\":\"Flurst\u00FCcksnummer: the numerator (Z\u00E4hler).\"},{\"name\":\"denominator\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flurst\u00FCcksnummer: the denominator (Nenner), if any.\"}]}";
    export const ParcelName = "de.amtsbote.application.v1.Parcel";
    export interface Parcel {
        /**
         * Name of the Gemarkung, e.g. 'Roßdorf'.
         */
        gemarkung: string;
        /**
         * Gemarkungsschlüssel (number of the Gemarkung in the Land's cadastre), if known.
         *
         * Default: null
         */
        gemarkungNumber: null | string;
        /**
         * Flur number.
         *
         * Default: null
         */
        flur: null | string;
        /**
         * Flurstücksnummer: the numerator (Zähler).
         */
        numerator: string;
        /**
         * Flurstücksnummer: the denominator (Nenner), if any.
         *
         * Default: null
         */
        denominator: null | string;
    }
    export const BuildingPlotSchema = "{\"type\":\"record\",\"name\":\"BuildingPlot\",\"fields\":[{\"name\":\"address\",\"type\":[\"null\",\"Address\"],\"default\":null,\"doc\":\"Postal address of the plot, if it has one.\"},{\"name\":\"parcels\",\"doc\":\"The cadastral parcels (Flurst\u00FCcke), at least one.\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Parcel\",\"fields\":[{\"name\":\"gemarkung\",\"type\":\"string\",\"doc\":\"Name of the Gemarkung, e.g. 'Ro\u00DFdorf'.\"},{\"name\":\"gemarkungNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Gemarkungsschl\u00FCssel (number of the Gemarkung in the Land's cadastre), if known.\"},{\"name\":\"flur\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flur number.\"},{\"name\":\"numerator\",\"type\":\"string\",\"doc\":\"Flurst\u00FCcksnummer: the numerator (Z\u00E4hler).\"},{\"name\":\"denominator\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flurst\u00FCcksnummer: the denominator (Nenner), if any.\"}]}}},{\"name\":\"developmentPlan\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name or number of the Bebauungsplan the plot lies in, if any.\"}]}";
    export const BuildingPlotName = "de.amtsbote.application.v1.BuildingPlot";
    export interface BuildingPlot {
        /**
         * Postal address of the plot, if it has one.
         *
         * Default: null
         */
        address: null | DeAmtsboteApplicationV1.Address;
        /**
         * The cadastral parcels (Flurstücke), at least one.
         */
        parcels: DeAmtsboteApplicationV1.Parcel[];
        /**
         * Name or number of the Bebauungsplan the plot lies in, if any.
         *
         * Default: null
         */
        developmentPlan: null | string;
    }
    export const BauherrArtSchema = "{\"type\":\"enum\",\"name\":\"BauherrArt\",\"symbols\":[\"OEFFENTLICH\",\"WOHNUNGSUNTERNEHMEN\",\"IMMOBILIENFONDS\",\"LAND_FORSTWIRTSCHAFT\",\"PRODUZIERENDES_GEWERBE\",\"HANDEL_DIENSTLEISTUNGEN\",\"PRIVATER_HAUSHALT\",\"ORGANISATION_OHNE_ERWERBSZWECK\"]}";
    export const BauherrArtName = "de.amtsbote.application.v1.BauherrArt";
    export type BauherrArt = "OEFFENTLICH" | "WOHNUNGSUNTERNEHMEN" | "IMMOBILIENFONDS" | "LAND_FORSTWIRTSCHAFT" | "PRODUZIERENDES_GEWERBE" | "HANDEL_DIENSTLEISTUNGEN" | "PRIVATER_HAUSHALT" | "ORGANISATION_OHNE_ERWERBSZWECK";
    export const ChamberMembershipSchema = "{\"type\":\"record\",\"name\":\"ChamberMembership\",\"fields\":[{\"name\":\"chamber\",\"type\":\"string\",\"doc\":\"The chamber as a code of the XBau code list Kammer (urn:xoev-de:xbau:codeliste:kammer, version 2.0), e.g. 15 = Architekten- und Stadtplanerkammer Hessen.\"},{\"name\":\"membershipNumber\",\"type\":\"string\"}]}";
    export const ChamberMembershipName = "de.amtsbote.application.v1.ChamberMembership";
    export interface ChamberMembership {
        /**
         * The chamber as a code of the XBau code list Kammer (urn:xoev-de:xbau:codeliste:kammer, version 2.0), e.g. 15 = Architekten- und Stadtplanerkammer Hessen.
         */
        chamber: string;
        membershipNumber: string;
    }
    export const EntwurfsverfasserSchema = "{\"type\":\"record\",\"name\":\"Entwurfsverfasser\",\"fields\":[{\"name\":\"person\",\"type\":\"Applicant\",\"doc\":\"The Entwurfsverfasser: a person, or an architects' office (organisation) with the responsible person's name.\"},{\"name\":\"chamber\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"ChamberMembership\",\"fields\":[{\"name\":\"chamber\",\"type\":\"string\",\"doc\":\"The chamber as a code of the XBau code list Kammer (urn:xoev-de:xbau:codeliste:kammer, version 2.0), e.g. 15 = Architekten- und Stadtplanerkammer Hessen.\"},{\"name\":\"membershipNumber\",\"type\":\"string\"}]}],\"default\":null,\"doc\":\"Membership of an architects' or engineers' chamber (Bauvorlageberechtigung), if stated.\"}]}";
    export const EntwurfsverfasserName = "de.amtsbote.application.v1.Entwurfsverfasser";
    export interface Entwurfsverfasser {
        /**
         * The Entwurfsverfasser: a person, or an architects' office (organisation) with the responsible person's name.
         */
        person: DeAmtsboteApplicationV1.Applicant;
        /**
         * Membership of an architects' or engineers' chamber (Bauvorlageberechtigung), if stated.
         *
         * Default: null
         */
        chamber: null | DeAmtsboteApplicationV1.ChamberMembership;
    }
    export const BauvorlageSchema = "{\"type\":\"record\",\"name\":\"Bauvorlage\",\"fields\":[{\"name\":\"attachment\",\"type\":\"int\",\"doc\":\"Index of the attachment in `attachments`, from 0.\"},{\"name\":\"documentType\",\"type\":\"string\",\"doc\":\"Kind of document as a code of the XBau code list Anlagen (urn:xoev-de:xbau:codeliste:anlagen, version 3.0), e.g. 1803 = Lageplan.\"},{\"name\":\"title\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Title of the document; the file name when null.\"}]}";
    export const BauvorlageName = "de.amtsbote.application.v1.Bauvorlage";
    export interface Bauvorlage {
        /**
         * Index of the attachment in `attachments`, from 0.
         */
        attachment: number;
        /**
         * Kind of document as a code of the XBau code list Anlagen (urn:xoev-de:xbau:codeliste:anlagen, version 3.0), e.g. 1803 = Lageplan.
         */
        documentType: string;
        /**
         * Title of the document; the file name when null.
         *
         * Default: null
         */
        title: null | string;
    }
    export const BauantragSchema = "{\"type\":\"record\",\"name\":\"Bauantrag\",\"doc\":\"An application for a building permit (Bauantrag) as a building-permit front office collects it. The applicant (who submits, often the Entwurfsverfasser on the Bauherr's behalf) is in `applicant`; the Bauvorlagen are in `attachments`.\",\"fields\":[{\"name\":\"projectTitle\",\"type\":\"string\",\"doc\":\"Bezeichnung des Bauvorhabens, e.g. 'Neubau eines Einfamilienhauses mit Carport'.\"},{\"name\":\"projectDescription\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Further description of the project in the applicant's words.\"},{\"name\":\"measures\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"Baumassnahme\",\"symbols\":[\"ERRICHTUNG\",\"AENDERUNG\",\"NUTZUNGSAENDERUNG\",\"NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG\",\"ABGRABUNG\",\"BESEITIGUNG\"]}},\"doc\":\"Art der Ma\u00DFnahme, at least one: Errichtung, \u00C4nderung, Nutzungs\u00E4nderung without or with structural change, Abgrabung, Beseitigung.\"},{\"name\":\"buildingCount\",\"type\":\"int\",\"default\":1,\"doc\":\"Number of buildings the project comprises.\"},{\"name\":\"buildingClass\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Gebaeudeklasse\",\"symbols\":[\"GK1\",\"GK2\",\"GK3\",\"GK4\",\"GK5\"]}],\"default\":null,\"doc\":\"Geb\u00E4udeklasse 1 to 5 (\u00A7 2 Abs. 3 MBO and the Land's building code); null when not determined.\"},{\"name\":\"procedure\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"ListedCode\",\"doc\":\"A code of a code list the front office names itself, because the list differs by Land.\",\"fields\":[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"listUri\",\"type\":\"string\",\"doc\":\"The code list's URI, e.g. a Land's list of Verfahrensarten.\"},{\"name\":\"listVersionId\",\"type\":\"string\"}]}],\"default\":null,\"doc\":\"Verfahrensart (e.g. regular or simplified procedure) as a code of the Land's code list; null when the form did not ask.\"},{\"name\":\"plot\",\"doc\":\"The building plot (Baugrundst\u00FCck).\",\"type\":{\"type\":\"record\",\"name\":\"BuildingPlot\",\"fields\":[{\"name\":\"address\",\"type\":[\"null\",\"Address\"],\"default\":null,\"doc\":\"Postal address of the plot, if it has one.\"},{\"name\":\"parcels\",\"doc\":\"The cadastral parcels (Flurst\u00FCcke), at least one.\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Parcel\",\"fields\":[{\"name\":\"gemarkung\",\"type\":\"string\",\"doc\":\"Name of the Gemarkung, e.g. 'Ro\u00DFdorf'.\"},{\"name\":\"gemarkungNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Gemarkungsschl\u00FCssel (number of the Gemarkung in the Land's cadastre), if known.\"},{\"name\":\"flur\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flur number.\"},{\"name\":\"numerator\",\"type\":\"string\",\"doc\":\"Flurst\u00FCcksnummer: the numerator (Z\u00E4hler).\"},{\"name\":\"denominator\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flurst\u00FCcksnummer: the denominator (Nenner), if any.\"}]}}},{\"name\":\"developmentPlan\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name or number of the Bebauungsplan the plot lies in, if any.\"}]}},{\"name\":\"builderOwner\",\"type\":[\"null\",\"Applicant\"],\"default\":null,\"doc\":\"The Bauherr; null when the applicant is the Bauherr.\"},{\"name\":\"builderOwnerKind\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"BauherrArt\",\"symbols\":[\"OEFFENTLICH\",\"WOHNUNGSUNTERNEHMEN\",\"IMMOBILIENFONDS\",\"LAND_FORSTWIRTSCHAFT\",\"PRODUZIERENDES_GEWERBE\",\"HANDEL_DIENSTLEISTUNGEN\",\"PRIVATER_HAUSHALT\",\"ORGANISATION_OHNE_ERWERBSZWECK\"]}],\"default\":null,\"doc\":\"Kind of Bauherr as the building statistics classify it; null when the form did not ask.\"},{\"name\":\"designer\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Entwurfsverfasser\",\"fields\":[{\"name\":\"person\",\"type\":\"Applicant\",\"doc\":\"The Entwurfsverfasser: a person, or an architects' office (organisation) with the responsible person's name.\"},{\"name\":\"chamber\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"ChamberMembership\",\"fields\":[{\"name\":\"chamber\",\"type\":\"string\",\"doc\":\"The chamber as a code of the XBau code list Kammer (urn:xoev-de:xbau:codeliste:kammer, version 2.0), e.g. 15 = Architekten- und Stadtplanerkammer Hessen.\"},{\"name\":\"membershipNumber\",\"type\":\"string\"}]}],\"default\":null,\"doc\":\"Membership of an architects' or engineers' chamber (Bauvorlageberechtigung), if stated.\"}]}],\"default\":null,\"doc\":\"The Entwurfsverfasser (designer of the plans); null when not stated.\"},{\"name\":\"documents\",\"default\":[],\"doc\":\"What each attachment is, by its index in `attachments`; attachments not listed are sent as unspecified Bauvorlagen.\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Bauvorlage\",\"fields\":[{\"name\":\"attachment\",\"type\":\"int\",\"doc\":\"Index of the attachment in `attachments`, from 0.\"},{\"name\":\"documentType\",\"type\":\"string\",\"doc\":\"Kind of document as a code of the XBau code list Anlagen (urn:xoev-de:xbau:codeliste:anlagen, version 3.0), e.g. 1803 = Lageplan.\"},{\"name\":\"title\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Title of the document; the file name when null.\"}]}}}]}";
    export const BauantragName = "de.amtsbote.application.v1.Bauantrag";
    /**
     * An application for a building permit (Bauantrag) as a building-permit front office collects it. The applicant (who submits, often the Entwurfsverfasser on the Bauherr's behalf) is in `applicant`; the Bauvorlagen are in `attachments`.
     */
    export interface Bauantrag {
        /**
         * Bezeichnung des Bauvorhabens, e.g. 'Neubau eines Einfamilienhauses mit Carport'.
         */
        projectTitle: string;
        /**
         * Further description of the project in the applicant's words.
         *
         * Default: null
         */
        projectDescription: null | string;
        /**
         * Art der Maßnahme, at least one: Errichtung, Änderung, Nutzungsänderung without or with structural change, Abgrabung, Beseitigung.
         */
        measures: DeAmtsboteApplicationV1.Baumassnahme[];
        /**
         * Number of buildings the project comprises.
         *
         * Default: 1
         */
        buildingCount: number;
        /**
         * Gebäudeklasse 1 to 5 (§ 2 Abs. 3 MBO and the Land's building code); null when not determined.
         *
         * Default: null
         */
        buildingClass: null | DeAmtsboteApplicationV1.Gebaeudeklasse;
        /**
         * Verfahrensart (e.g. regular or simplified procedure) as a code of the Land's code list; null when the form did not ask.
         *
         * Default: null
         */
        procedure: null | DeAmtsboteApplicationV1.ListedCode;
        /**
         * The building plot (Baugrundstück).
         */
        plot: DeAmtsboteApplicationV1.BuildingPlot;
        /**
         * The Bauherr; null when the applicant is the Bauherr.
         *
         * Default: null
         */
        builderOwner: null | DeAmtsboteApplicationV1.Applicant;
        /**
         * Kind of Bauherr as the building statistics classify it; null when the form did not ask.
         *
         * Default: null
         */
        builderOwnerKind: null | DeAmtsboteApplicationV1.BauherrArt;
        /**
         * The Entwurfsverfasser (designer of the plans); null when not stated.
         *
         * Default: null
         */
        designer: null | DeAmtsboteApplicationV1.Entwurfsverfasser;
        /**
         * What each attachment is, by its index in `attachments`; attachments not listed are sent as unspecified Bauvorlagen.
         *
         * Default: []
         */
        documents: DeAmtsboteApplicationV1.Bauvorlage[];
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
    export const ApplicationSubmittedSchema = "{\"type\":\"record\",\"name\":\"ApplicationSubmitted\",\"namespace\":\"de.amtsbote.application.v1\",\"doc\":\"A citizen's or company's application as a front office (online service) submitted it. Topic applications.submitted.v1; the Kafka key is applicationId.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Unique id of this event; the X\u00D6V message id is derived from it, so it must be stable across re-sends of the same submission.\"},{\"name\":\"applicationId\",\"type\":\"string\",\"doc\":\"The application's (Vorgang's) id assigned by the front office; the Kafka key and the correlation id of every later event.\"},{\"name\":\"tenant\",\"doc\":\"The municipality responsible for the application.\",\"type\":{\"type\":\"record\",\"name\":\"Tenant\",\"fields\":[{\"name\":\"ags\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Gemeindeschl\u00FCssel, 8 digits.\"},{\"name\":\"ars\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Amtlicher Regionalschl\u00FCssel, 12 digits.\"},{\"name\":\"name\",\"type\":\"string\",\"doc\":\"The municipality's name as shown to the applicant.\"}]}},{\"name\":\"serviceKey\",\"type\":\"string\",\"doc\":\"Leistungsschl\u00FCssel from the Leistungskatalog (LeiKa), 14 digits, e.g. 99050012104000 = Gewerbe anmelden.\"},{\"name\":\"serviceName\",\"type\":\"string\",\"doc\":\"The service's name as shown to the applicant.\"},{\"name\":\"applicant\",\"type\":{\"type\":\"record\",\"name\":\"Applicant\",\"doc\":\"The person or organisation that submitted the application.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"ApplicantKind\",\"symbols\":[\"PERSON\",\"ORGANISATION\"]}},{\"name\":\"familyName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"givenName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"birthDate\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},{\"name\":\"organisationName\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"address\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"houseNumber\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"postalCode\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},{\"name\":\"countryCode\",\"type\":\"string\",\"default\":\"DE\",\"doc\":\"ISO 3166-1 alpha-2.\"}]}},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"phone\",\"type\":[\"null\",\"string\"],\"default\":null}]}},{\"name\":\"data\",\"doc\":\"The service-specific part of the application, one typed record per kind of service.\",\"type\":[{\"type\":\"record\",\"name\":\"Gewerbeanzeige\",\"doc\":\"Business registration, change or closure (Gewerbeanmeldung, -ummeldung, -abmeldung under \u00A7 14 GewO).\",\"fields\":[{\"name\":\"notice\",\"type\":{\"type\":\"enum\",\"name\":\"GewerbeanzeigeArt\",\"symbols\":[\"ANMELDUNG\",\"UMMELDUNG\",\"ABMELDUNG\"]}},{\"name\":\"effectiveDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Date the registration, change or closure takes effect.\"},{\"name\":\"businessName\",\"type\":\"string\",\"doc\":\"Registered or trading name of the business.\"},{\"name\":\"legalForm\",\"type\":\"string\",\"doc\":\"Legal form as the applicant stated it, e.g. Einzelunternehmen, GmbH.\"},{\"name\":\"activity\",\"type\":\"string\",\"doc\":\"Description of the business activity.\"},{\"name\":\"premises\",\"type\":\"Address\",\"doc\":\"Address of the business premises (Betriebsst\u00E4tte).\"},{\"name\":\"fullTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"partTimeEmployees\",\"type\":\"int\",\"default\":0},{\"name\":\"isSideline\",\"type\":\"boolean\",\"default\":false,\"doc\":\"Nebenerwerb.\"},{\"name\":\"tradeRegister\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"RegisterEntry\",\"fields\":[{\"name\":\"court\",\"type\":\"string\"},{\"name\":\"number\",\"type\":\"string\"}]}],\"default\":null},{\"name\":\"establishment\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"GewerbeNiederlassungsart\",\"symbols\":[\"HAUPTNIEDERLASSUNG\",\"ZWEIGNIEDERLASSUNG\",\"UNSELBSTAENDIGE_ZWEIGSTELLE\"]}],\"default\":null,\"doc\":\"What the notice is for: main establishment, branch, or dependent branch office (Hauptniederlassung, Zweigniederlassung, unselbst\u00E4ndige Zweigstelle). Null when the form did not ask.\"},{\"name\":\"businessTypes\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"GewerbeBetriebsart\",\"symbols\":[\"INDUSTRIE\",\"HANDWERK\",\"HANDEL\",\"SONSTIGES\"]}},\"default\":[],\"doc\":\"Kind of business (Art des Betriebes), any of the four boxes of the official form. Empty when the form did not ask.\"},{\"name\":\"legalFormCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The legal form as a code of the XGewerbeanzeige code list Rechtsformen, if the front office's form offers that list; legalForm stays the text the applicant saw.\"},{\"name\":\"reasonCodes\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Reason for the notice as codes of the XGewerbeanzeige code list for its kind (Grund f\u00FCr Anmeldung / Ummeldung / Abmeldung): one for ANMELDUNG and ABMELDUNG, one or more for UMMELDUNG. Empty when the form did not ask.\"}]},{\"type\":\"record\",\"name\":\"GenericForm\",\"doc\":\"A service without a typed contract of its own: the form's fields as labelled values, handed over as they are (e.g. to document management via xdomea).\",\"fields\":[{\"name\":\"fields\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"FormField\",\"fields\":[{\"name\":\"key\",\"type\":\"string\"},{\"name\":\"label\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}]}}}]},{\"type\":\"record\",\"name\":\"Bauantrag\",\"doc\":\"An application for a building permit (Bauantrag) as a building-permit front office collects it. The applicant (who submits, often the Entwurfsverfasser on the Bauherr's behalf) is in `applicant`; the Bauvorlagen are in `attachments`.\",\"fields\":[{\"name\":\"projectTitle\",\"type\":\"string\",\"doc\":\"Bezeichnung des Bauvorhabens, e.g. 'Neubau eines Einfamilienhauses mit Carport'.\"},{\"name\":\"projectDescription\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Further description of the project in the applicant's words.\"},{\"name\":\"measures\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"enum\",\"name\":\"Baumassnahme\",\"symbols\":[\"ERRICHTUNG\",\"AENDERUNG\",\"NUTZUNGSAENDERUNG\",\"NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG\",\"ABGRABUNG\",\"BESEITIGUNG\"]}},\"doc\":\"Art der Ma\u00DFnahme, at least one: Errichtung, \u00C4nderung, Nutzungs\u00E4nderung without or with structural change, Abgrabung, Beseitigung.\"},{\"name\":\"buildingCount\",\"type\":\"int\",\"default\":1,\"doc\":\"Number of buildings the project comprises.\"},{\"name\":\"buildingClass\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Gebaeudeklasse\",\"symbols\":[\"GK1\",\"GK2\",\"GK3\",\"GK4\",\"GK5\"]}],\"default\":null,\"doc\":\"Geb\u00E4udeklasse 1 to 5 (\u00A7 2 Abs. 3 MBO and the Land's building code); null when not determined.\"},{\"name\":\"procedure\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"ListedCode\",\"doc\":\"A code of a code list the front office names itself, because the list differs by Land.\",\"fields\":[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"listUri\",\"type\":\"string\",\"doc\":\"The code list's URI, e.g. a Land's list of Verfahrensarten.\"},{\"name\":\"listVersionId\",\"type\":\"string\"}]}],\"default\":null,\"doc\":\"Verfahrensart (e.g. regular or simplified procedure) as a code of the Land's code list; null when the form did not ask.\"},{\"name\":\"plot\",\"doc\":\"The building plot (Baugrundst\u00FCck).\",\"type\":{\"type\":\"record\",\"name\":\"BuildingPlot\",\"fields\":[{\"name\":\"address\",\"type\":[\"null\",\"Address\"],\"default\":null,\"doc\":\"Postal address of the plot, if it has one.\"},{\"name\":\"parcels\",\"doc\":\"The cadastral parcels (Flurst\u00FCcke), at least one.\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Parcel\",\"fields\":[{\"name\":\"gemarkung\",\"type\":\"string\",\"doc\":\"Name of the Gemarkung, e.g. 'Ro\u00DFdorf'.\"},{\"name\":\"gemarkungNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Gemarkungsschl\u00FCssel (number of the Gemarkung in the Land's cadastre), if known.\"},{\"name\":\"flur\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flur number.\"},{\"name\":\"numerator\",\"type\":\"string\",\"doc\":\"Flurst\u00FCcksnummer: the numerator (Z\u00E4hler).\"},{\"name\":\"denominator\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Flurst\u00FCcksnummer: the denominator (Nenner), if any.\"}]}}},{\"name\":\"developmentPlan\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Name or number of the Bebauungsplan the plot lies in, if any.\"}]}},{\"name\":\"builderOwner\",\"type\":[\"null\",\"Applicant\"],\"default\":null,\"doc\":\"The Bauherr; null when the applicant is the Bauherr.\"},{\"name\":\"builderOwnerKind\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"BauherrArt\",\"symbols\":[\"OEFFENTLICH\",\"WOHNUNGSUNTERNEHMEN\",\"IMMOBILIENFONDS\",\"LAND_FORSTWIRTSCHAFT\",\"PRODUZIERENDES_GEWERBE\",\"HANDEL_DIENSTLEISTUNGEN\",\"PRIVATER_HAUSHALT\",\"ORGANISATION_OHNE_ERWERBSZWECK\"]}],\"default\":null,\"doc\":\"Kind of Bauherr as the building statistics classify it; null when the form did not ask.\"},{\"name\":\"designer\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Entwurfsverfasser\",\"fields\":[{\"name\":\"person\",\"type\":\"Applicant\",\"doc\":\"The Entwurfsverfasser: a person, or an architects' office (organisation) with the responsible person's name.\"},{\"name\":\"chamber\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"ChamberMembership\",\"fields\":[{\"name\":\"chamber\",\"type\":\"string\",\"doc\":\"The chamber as a code of the XBau code list Kammer (urn:xoev-de:xbau:codeliste:kammer, version 2.0), e.g. 15 = Architekten- und Stadtplanerkammer Hessen.\"},{\"name\":\"membershipNumber\",\"type\":\"string\"}]}],\"default\":null,\"doc\":\"Membership of an architects' or engineers' chamber (Bauvorlageberechtigung), if stated.\"}]}],\"default\":null,\"doc\":\"The Entwurfsverfasser (designer of the plans); null when not stated.\"},{\"name\":\"documents\",\"default\":[],\"doc\":\"What each attachment is, by its index in `attachments`; attachments not listed are sent as unspecified Bauvorlagen.\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Bauvorlage\",\"fields\":[{\"name\":\"attachment\",\"type\":\"int\",\"doc\":\"Index of the attachment in `attachments`, from 0.\"},{\"name\":\"documentType\",\"type\":\"string\",\"doc\":\"Kind of document as a code of the XBau code list Anlagen (urn:xoev-de:xbau:codeliste:anlagen, version 3.0), e.g. 1803 = Lageplan.\"},{\"name\":\"title\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Title of the document; the file name when null.\"}]}}}]}]},{\"name\":\"attachments\",\"default\":[],\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"AttachmentReference\",\"doc\":\"A document the applicant uploaded; Amtsbote carries the reference, not the content.\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"doc\":\"File name as uploaded.\"},{\"name\":\"mediaType\",\"type\":\"string\",\"doc\":\"IANA media type, e.g. application/pdf.\"},{\"name\":\"size\",\"type\":\"long\",\"doc\":\"Size in bytes.\"},{\"name\":\"sha256\",\"type\":\"string\",\"doc\":\"Hex-encoded SHA-256 of the content.\"},{\"name\":\"uri\",\"type\":\"string\",\"doc\":\"Where the back office fetches the content.\"}]}}},{\"name\":\"frontOffice\",\"type\":{\"type\":\"record\",\"name\":\"FrontOffice\",\"fields\":[{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Name of the online service or portal.\"},{\"name\":\"version\",\"type\":[\"null\",\"string\"],\"default\":null}]}},{\"name\":\"submittedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}";
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
            "de.amtsbote.application.v1.Bauantrag"?: never;
        } | {
            "de.amtsbote.application.v1.Gewerbeanzeige"?: never;
            "de.amtsbote.application.v1.GenericForm": DeAmtsboteApplicationV1.GenericForm;
            "de.amtsbote.application.v1.Bauantrag"?: never;
        } | {
            "de.amtsbote.application.v1.Gewerbeanzeige"?: never;
            "de.amtsbote.application.v1.GenericForm"?: never;
            "de.amtsbote.application.v1.Bauantrag": DeAmtsboteApplicationV1.Bauantrag;
        };
        /**
         * Default: []
         */
        attachments: DeAmtsboteApplicationV1.AttachmentReference[];
        frontOffice: DeAmtsboteApplicationV1.FrontOffice;
        submittedAt: Date;
    }
}

