package se.samla.cases;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's front matter: what the API is and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI samlaApi() {
        return new OpenAPI()
                .info(new Info().title("Samla case API").version("v1").description("""
                        Cases of one municipality. Call it on the municipality's own host (https://<host>/api/v1/...) or, \
                        on a shared host, under its prefix (/t/<slug>/api/v1/...). Authenticate with an OAuth2 access \
                        token from the client credentials grant; the token's scopes (cases:read, cases:write), units, \
                        case types and highest confidentiality decide what the client sees and may do. Errors are RFC \
                        9457 problem details with a list of fields and reasons."""))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
