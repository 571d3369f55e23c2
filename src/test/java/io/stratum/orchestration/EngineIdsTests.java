package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine Spring builds makes its ids with {@link TimeOrderedIdGenerator}, not the starter's own generator. */
@SpringBootTest
@ActiveProfiles("test")
class EngineIdsTests {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineMakesTimeOrderedIds() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getIdGenerator())
                .isInstanceOf(TimeOrderedIdGenerator.class);
        String id = engine.getRepositoryService().createDeployment().name("id-check")
                .addString("id-check.bpmn", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                        + "targetNamespace=\"id-check\"/>").deploy().getId();
        try {
            assertThat(UUID.fromString(id).version()).isEqualTo(6);
        } finally {
            engine.getRepositoryService().deleteDeployment(id, true);
        }
    }
}
