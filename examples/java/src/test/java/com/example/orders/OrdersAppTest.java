package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdksecureserverless.AuditResult;
import dev.cdksecureserverless.FindingStatus;
import dev.cdksecureserverless.ServerlessSecurityChecks;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** The audit asserted the way a Java team tests its stacks: evaluate() audits the construct tree without a synth. */
class OrdersAppTest {
    private static List<String> openFindings(final AuditResult result) {
        return result.getFindings().stream()
                .filter(f -> f.getStatus() == FindingStatus.FAILING || f.getStatus() == FindingStatus.BELOW_THRESHOLD)
                .map(f -> f.getRuleId() + " " + f.getConstructPath())
                .collect(Collectors.toList());
    }

    @Test
    void secureStackHasNoOpenFinding() {
        AuditResult result = new ServerlessSecurityChecks().evaluate(OrdersApp.ordersStack(new App()));
        assertTrue(result.getPassed());
        assertEquals(List.of(), openFindings(result));
    }

    @Test
    void insecureStackFailsWithItsFindings() {
        AuditResult result = new ServerlessSecurityChecks().evaluate(InsecureOrdersApp.insecureOrdersStack(new App()));
        assertFalse(result.getPassed());
        Set<String> failing = result.getFindings().stream()
                .filter(f -> f.getStatus() == FindingStatus.FAILING)
                .map(f -> f.getRuleId())
                .collect(Collectors.toSet());
        assertTrue(failing.containsAll(Set.of("SLS-LAMBDA-ENV-SECRET", "SLS-LAMBDA-URL-AUTH")), "failing: " + failing);
    }
}
