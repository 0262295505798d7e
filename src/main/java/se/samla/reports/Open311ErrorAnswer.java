package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import se.samla.platform.ChannelErrorAnswer;

/** Open311's refusals from outside its controller: GeoReport v2's error list, in the format the call asks for. */
@Component
@Order(0)
class Open311ErrorAnswer implements ChannelErrorAnswer {

    private final Open311MessageConverter converter;

    Open311ErrorAnswer(Open311MessageConverter converter) {
        this.converter = converter;
    }

    @Override
    public boolean answers(String path) {
        return path.startsWith("/open311/");
    }

    @Override
    public void write(
            HttpServletRequest request, HttpServletResponse response, String basePath, String path, Refusal refusal)
            throws IOException {
        Open311Format format = Open311Format.forError(path, request.getHeader(HttpHeaders.ACCEPT));
        response.setContentType(format.mediaType.toString());
        converter.write(
                Open311Answer.Errors.of(refusal.status(), refusal.detail()), format, response.getOutputStream());
    }
}
