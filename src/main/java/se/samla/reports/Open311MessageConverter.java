package se.samla.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;

/**
 * Writes {@link Open311Answer}s, and nothing else, as XML or JSON: the one place Samla answers in XML, so no other
 * API switches to XML because a browser ranks XML above everything else.
 */
@Component
class Open311MessageConverter extends AbstractHttpMessageConverter<Open311Answer> {

    private final XmlMapper xmlMapper;
    private final JsonMapper jsonMapper;

    Open311MessageConverter(XmlMapper xmlMapper, JsonMapper jsonMapper) {
        super(
                StandardCharsets.UTF_8,
                Open311Format.XML.mediaType,
                MediaType.APPLICATION_XML,
                Open311Format.JSON.mediaType);
        this.xmlMapper = xmlMapper
                .rebuild()
                .enable(XmlWriteFeature.WRITE_XML_DECLARATION)
                .build();
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Open311Answer.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        // Open311 takes form arguments, never a document
        return false;
    }

    @Override
    protected Open311Answer readInternal(Class<? extends Open311Answer> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("Open311 reads no documents", input);
    }

    @Override
    protected void writeInternal(Open311Answer answer, HttpOutputMessage output) throws IOException {
        MediaType type = output.getHeaders().getContentType();
        write(
                answer,
                type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        ? Open311Format.JSON
                        : Open311Format.XML,
                output.getBody());
    }

    void write(Open311Answer answer, Open311Format format, OutputStream out) {
        if (format == Open311Format.JSON) {
            jsonMapper.writeValue(out, answer.json());
        } else {
            xmlMapper.writeValue(out, answer);
        }
    }
}
