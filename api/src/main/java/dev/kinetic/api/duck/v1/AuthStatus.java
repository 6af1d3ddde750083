package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import lombok.Data;
import lombok.experimental.Accessors;

/** The OIDC identity a resource sends with ({@code duck/v1.AuthStatus}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthStatus {
    private String serviceAccountName;
    private List<String> serviceAccountNames;
}
