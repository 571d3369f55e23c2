package io.stratum.action;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** Settings of the action layer ({@code stratum.action.*}). */
@Validated
@ConfigurationProperties("stratum.action")
public record ActionSettings(@Valid @NotNull @DefaultValue Mail mail) {

    /**
     * @param from           sender address of outgoing mail
     * @param sendingTimeout after this long a message stuck in SENDING (node died mid-send) may be sent again
     */
    public record Mail(@NotEmpty @DefaultValue("stratum@localhost") String from,
                       @NotNull @DefaultValue("PT5M") Duration sendingTimeout) {
    }
}
