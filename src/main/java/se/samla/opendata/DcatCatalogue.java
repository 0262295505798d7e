package se.samla.opendata;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;

/**
 * The tenant's DCAT-AP-SE catalogue as an RDF graph: absolute IRIs for the catalogue, its datasets,
 * distributions, data services, publisher and contact point; the publisher named by the Swedish portal's
 * convention from the organisation number; stable identifiers; and the EU controlled vocabularies, with
 * each concept used described with its scheme.
 */
final class DcatCatalogue {

    static final String EU = "http://publications.europa.eu/resource/authority/";
    static final String DCATAP = "http://data.europa.eu/r5r/";
    /** When the catalogue was first published; also "modified" for a dataset that has no rows yet. */
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 26);

    /** The EU data themes a dataset can have (http://publications.europa.eu/resource/authority/data-theme). */
    static final List<String> THEMES = List.of(
            "AGRI",
            "ECON",
            "EDUC",
            "ENER",
            "ENVI",
            "GOVE",
            "HEAL",
            "INTR",
            "JUST",
            "OP_DATPRO",
            "REGI",
            "SOCI",
            "TECH",
            "TRAN");

    /** The licences open data in Samla is published under, each with its type from the ADMS licence type vocabulary. */
    enum Licence {
        CC0("http://creativecommons.org/publicdomain/zero/1.0/", "PublicDomain", "Public domain"),
        CC_BY_4("http://creativecommons.org/licenses/by/4.0/", "Attribution", "Attribution");

        final String iri;
        final String type;
        final String typeLabel;

        Licence(String iri, String type, String typeLabel) {
            this.iri = iri;
            this.type = type;
            this.typeLabel = typeLabel;
        }
    }

    /** Whom to ask about a dataset; the catalogue's own contact where a dataset names none. */
    record Contact(String name, String email) {}

    /**
     * What the catalogue says of one dataset. The period ends today where lastDay is null; the contact is the
     * catalogue's where it is null.
     */
    record Description(
            String id,
            String title,
            String description,
            List<String> keywords,
            String theme,
            boolean located,
            LocalDate firstDay,
            LocalDate lastDay,
            Instant modified,
            String apiPath,
            Licence licence,
            Contact contact,
            LocalDate issued) {

        /** A built-in dataset: CC0, the catalogue's contact, current to this day. */
        Description(
                String id,
                String title,
                String description,
                List<String> keywords,
                String theme,
                boolean located,
                LocalDate firstDay,
                Instant modified,
                String apiPath) {
            this(
                    id,
                    title,
                    description,
                    keywords,
                    theme,
                    located,
                    firstDay,
                    null,
                    modified,
                    apiPath,
                    Licence.CC0,
                    null,
                    ISSUED);
        }
    }

    private final Model model = ModelFactory.createDefaultModel();
    private final String base;
    private final Resource publisher;
    private final Resource contact;
    private final java.util.Map<Licence, Resource> licences = new java.util.EnumMap<>(Licence.class);
    private final Resource place;
    private final Clock clock;

    /** The middle of the municipality, in WGS84 degrees: where its maps open. */
    record Centre(double latitude, double longitude) {}

    private DcatCatalogue(String base, Tenant tenant, String email, Centre centre, Clock clock) {
        this.base = base;
        this.clock = clock;
        model.setNsPrefix("dcat", DCAT.NS);
        model.setNsPrefix("dct", DCTerms.NS);
        model.setNsPrefix("foaf", FOAF.NS);
        model.setNsPrefix("vcard", VCARD4.NS);
        model.setNsPrefix("skos", SKOS.uri);
        model.setNsPrefix("dcatap", DCATAP);
        String orgnr = tenant.organisationNumber().toString().replace("-", "");
        publisher = model.createResource("http://dataportal.se/organisation/SE" + orgnr)
                .addProperty(RDF.type, FOAF.Agent)
                .addProperty(FOAF.name, tenant.name(), "sv")
                .addProperty(
                        DCTerms.type,
                        concept(
                                "http://purl.org/adms/publishertype/LocalAuthority",
                                "http://purl.org/adms/publishertype/1.0",
                                "Local Authority"));
        contact = model.createResource(base + "/datasets/dcat#kontakt")
                .addProperty(RDF.type, VCARD4.Kind)
                .addProperty(RDF.type, VCARD4.Organization)
                .addProperty(VCARD4.fn, tenant.name(), "sv")
                .addProperty(VCARD4.hasEmail, model.createResource("mailto:" + email));
        place = model.createResource(base + "/datasets/dcat#omrade")
                .addProperty(RDF.type, DCTerms.Location)
                .addProperty(SKOS.prefLabel, tenant.name(), "sv")
                .addProperty(DCAT.bbox, wkt(box(centre)))
                .addProperty(
                        DCAT.centroid,
                        wkt(String.format(
                                java.util.Locale.ROOT, "POINT(%.4f %.4f)", centre.longitude(), centre.latitude())));
    }

    /**
     * A box of about 30 by 30 km around the centre: a Swedish municipality's size. It says roughly where the data
     * is, which is what a portal's map search needs.
     */
    static String box(Centre centre) {
        double south = centre.latitude() - 0.135;
        double north = centre.latitude() + 0.135;
        double half = 0.135 / Math.cos(Math.toRadians(centre.latitude()));
        double west = centre.longitude() - half;
        double east = centre.longitude() + half;
        return String.format(
                java.util.Locale.ROOT,
                "POLYGON((%1$.4f %3$.4f,%2$.4f %3$.4f,%2$.4f %4$.4f,%1$.4f %4$.4f,%1$.4f %3$.4f))",
                west,
                east,
                south,
                north);
    }

    static Model build(
            String base,
            Tenant tenant,
            String email,
            String homepage,
            Centre centre,
            List<Description> datasets,
            Clock clock) {
        var c = new DcatCatalogue(base, tenant, email, centre, clock);
        c.catalogue(tenant, homepage, datasets);
        return c.model;
    }

    private void catalogue(Tenant tenant, String homepage, List<Description> datasets) {
        Instant modified = datasets.stream()
                .map(Description::modified)
                .max(Instant::compareTo)
                .filter(at -> at.isAfter(Instant.EPOCH))
                .orElse(ISSUED.atStartOfDay(SwedishTime.ZONE).toInstant());
        Resource catalogue = model.createResource(base + "/datasets/dcat")
                .addProperty(RDF.type, DCAT.Catalog)
                .addProperty(DCTerms.title, "Öppna data från " + tenant.name(), "sv")
                .addProperty(
                        DCTerms.description,
                        "Data som " + tenant.name() + " publicerar i Samla och håller aktuella: "
                                + "felanmälningar, ärendestatistik med mera. Utan personuppgifter.",
                        "sv")
                .addProperty(DCTerms.publisher, publisher)
                .addProperty(DCTerms.license, licence(Licence.CC0))
                .addProperty(DCTerms.language, language())
                .addProperty(DCTerms.spatial, place)
                .addProperty(DCTerms.issued, date(ISSUED))
                .addProperty(DCTerms.modified, date(modified))
                .addProperty(
                        DCAT.themeTaxonomy,
                        model.createResource(EU + "data-theme")
                                .addProperty(RDF.type, SKOS.ConceptScheme)
                                .addProperty(DCTerms.title, "Data theme", "en"))
                .addProperty(FOAF.homepage, model.createResource(homepage).addProperty(RDF.type, FOAF.Document));
        for (Description d : datasets) {
            Resource dataset = dataset(d);
            catalogue.addProperty(DCAT.dataset, dataset);
            catalogue.addProperty(DCAT.service, service(d, dataset));
        }
    }

    private Resource dataset(Description d) {
        String iri = base + "/datasets/" + d.id();
        Resource contact = contact(d);
        Resource dataset = model.createResource(iri)
                .addProperty(RDF.type, DCAT.Dataset)
                .addProperty(DCTerms.identifier, iri)
                .addProperty(DCTerms.title, d.title(), "sv")
                .addProperty(DCTerms.description, d.description(), "sv")
                .addProperty(DCTerms.publisher, publisher)
                .addProperty(DCAT.contactPoint, contact)
                .addProperty(DCAT.theme, theme(d.theme()))
                .addProperty(DCTerms.spatial, place)
                .addProperty(
                        DCTerms.accessRights,
                        concept(EU + "access-right/PUBLIC", EU + "access-right", "public")
                                .addProperty(RDF.type, DCTerms.RightsStatement))
                .addProperty(
                        DCTerms.accrualPeriodicity,
                        concept(EU + "frequency/CONT", EU + "frequency", "continuous")
                                .addProperty(RDF.type, DCTerms.Frequency))
                .addProperty(DCTerms.issued, date(d.issued()))
                .addProperty(
                        DCTerms.modified,
                        date(
                                d.modified().isAfter(Instant.EPOCH)
                                        ? d.modified()
                                        : ISSUED.atStartOfDay(SwedishTime.ZONE).toInstant()))
                .addProperty(
                        DCTerms.temporal,
                        model.createResource()
                                .addProperty(RDF.type, DCTerms.PeriodOfTime)
                                .addProperty(DCAT.startDate, date(d.firstDay()))
                                .addProperty(
                                        DCAT.endDate, date(d.lastDay() == null ? LocalDate.now(clock) : d.lastDay())));
        d.keywords().forEach(k -> dataset.addProperty(DCAT.keyword, k, "sv"));
        dataset.addProperty(DCAT.distribution, distribution(d, "csv", "CSV", "text/csv", "CSV"));
        dataset.addProperty(DCAT.distribution, distribution(d, "json", "JSON", "application/json", "JSON"));
        if (d.located()) {
            dataset.addProperty(
                    DCAT.distribution, distribution(d, "geojson", "GEOJSON", "application/geo+json", "GeoJSON"));
        }
        return dataset;
    }

    private Resource distribution(Description d, String extension, String fileType, String mediaType, String name) {
        Resource file = model.createResource(base + "/datasets/" + d.id() + "." + extension);
        return model.createResource(base + "/datasets/" + d.id() + "/distribution/" + extension)
                .addProperty(RDF.type, DCAT.Distribution)
                .addProperty(DCTerms.title, d.title() + " (" + name + ")", "sv")
                .addProperty(
                        DCTerms.description,
                        d.title() + " som " + name + ", hela datamängden, uppdaterad löpande.",
                        "sv")
                .addProperty(DCAT.accessURL, file)
                .addProperty(DCAT.downloadURL, file)
                .addProperty(
                        DCTerms.format,
                        concept(EU + "file-type/" + fileType, EU + "file-type", name)
                                .addProperty(RDF.type, DCTerms.MediaTypeOrExtent))
                .addProperty(
                        DCAT.mediaType,
                        model.createResource("https://www.iana.org/assignments/media-types/" + mediaType)
                                .addProperty(RDF.type, DCTerms.MediaType))
                .addProperty(DCTerms.license, licence(d.licence()))
                .addProperty(
                        model.createProperty(DCATAP, "availability"),
                        concept(EU + "planned-availability/STABLE", EU + "planned-availability", "stable"));
    }

    private Resource service(Description d, Resource dataset) {
        Resource endpoint = model.createResource(base + d.apiPath());
        Resource service = model.createResource(base + "/datasets/" + d.id() + "/api-tjanst")
                .addProperty(RDF.type, DCAT.DataService)
                .addProperty(DCTerms.title, d.title() + ": fråge-API", "sv")
                .addProperty(
                        DCTerms.description,
                        "Filtrera, sortera och bläddra i " + d.title().toLowerCase() + "; svaret har "
                                + "totalt antal rader.",
                        "sv")
                .addProperty(DCAT.endpointURL, endpoint)
                .addProperty(DCAT.endpointDescription, model.createResource(base + d.apiPath() + "/beskrivning"))
                .addProperty(DCAT.servesDataset, dataset)
                .addProperty(DCAT.contactPoint, contact(d))
                .addProperty(DCTerms.publisher, publisher)
                .addProperty(DCAT.theme, theme(d.theme()))
                .addProperty(
                        DCTerms.conformsTo,
                        model.createResource("https://www.rfc-editor.org/rfc/rfc8259")
                                .addProperty(RDF.type, DCTerms.Standard))
                .addProperty(DCTerms.license, licence(d.licence()))
                .addProperty(
                        DCTerms.accessRights,
                        concept(EU + "access-right/PUBLIC", EU + "access-right", "public")
                                .addProperty(RDF.type, DCTerms.RightsStatement));
        d.keywords().forEach(k -> service.addProperty(DCAT.keyword, k, "sv"));
        return service;
    }

    private Resource licence(Licence licence) {
        return licences.computeIfAbsent(
                licence,
                l -> model.createResource(l.iri)
                        .addProperty(RDF.type, DCTerms.LicenseDocument)
                        .addProperty(
                                DCTerms.type,
                                concept(
                                        "http://purl.org/adms/licencetype/" + l.type,
                                        "http://purl.org/adms/licencetype/1.0",
                                        l.typeLabel)));
    }

    /** The dataset's own contact point, or the catalogue's. */
    private Resource contact(Description d) {
        if (d.contact() == null) {
            return contact;
        }
        return model.createResource(base + "/datasets/" + d.id() + "#kontakt")
                .addProperty(RDF.type, VCARD4.Kind)
                .addProperty(RDF.type, VCARD4.Organization)
                .addProperty(VCARD4.fn, d.contact().name(), "sv")
                .addProperty(
                        VCARD4.hasEmail,
                        model.createResource("mailto:" + d.contact().email()));
    }

    private Resource language() {
        return concept(EU + "language/SWE", EU + "language", "svenska").addProperty(RDF.type, DCTerms.LinguisticSystem);
    }

    private Resource theme(String code) {
        return concept(EU + "data-theme/" + code, EU + "data-theme", code);
    }

    /** A concept of a controlled vocabulary, with its scheme, so validators can tell where it comes from. */
    private Resource concept(String iri, String scheme, String label) {
        return model.createResource(iri)
                .addProperty(RDF.type, SKOS.Concept)
                .addProperty(
                        SKOS.inScheme,
                        model.createResource(scheme)
                                .addProperty(RDF.type, SKOS.ConceptScheme)
                                .addProperty(
                                        DCTerms.title,
                                        scheme.substring(scheme.lastIndexOf('/', scheme.length() - 2) + 1),
                                        "en"))
                .addProperty(SKOS.prefLabel, label, "en");
    }

    private Literal wkt(String wkt) {
        return model.createTypedLiteral(
                wkt, new org.apache.jena.datatypes.BaseDatatype("http://www.opengis.net/ont/geosparql#wktLiteral"));
    }

    private Literal date(LocalDate day) {
        return model.createTypedLiteral(day.toString(), XSDDatatype.XSDdate);
    }

    private Literal date(Instant at) {
        return model.createTypedLiteral(
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .atZone(SwedishTime.ZONE)
                                .toOffsetDateTime()),
                XSDDatatype.XSDdateTime);
    }
}
