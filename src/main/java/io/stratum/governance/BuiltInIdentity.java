package io.stratum.governance;

import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

/**
 * Creates Stratum's groups, their authorizations and (in the embedded default) the built-in users at start.
 * Idempotent: existing users keep their passwords, existing grants are not duplicated.
 */
@Component
class BuiltInIdentity {

    private static final Logger log = LoggerFactory.getLogger(BuiltInIdentity.class);

    private static final Map<String, String> GROUP_NAMES = Map.of(
            Roles.ADMINS, "Administrators",
            Roles.ANALYSTS, "Process analysts",
            Roles.APPROVERS, "Approvers",
            Roles.AUDITORS, "Auditors",
            Roles.MODEL_OWNERS, "Model owners",
            Roles.DISPATCHERS, "Dispatchers",
            Roles.OPERATIONS, "Operations leaders");

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final GovernanceSettings settings;

    BuiltInIdentity(IdentityService identity, AuthorizationService authorizations, GovernanceSettings settings) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.settings = settings;
    }

    @PostConstruct
    void createAtStart() {
        if (identity.isReadOnly()) {
            log.info("Identity is read-only (external provider): only authorizations are created");
        } else {
            GROUP_NAMES.forEach(this::ensureGroup);
            if (settings.builtInUsers() && settings.users() != null) {
                settings.users().forEach(this::ensureUser);
            }
        }
        grantRoleModel();
    }

    private void ensureGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(id.equals(Roles.ADMINS) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void ensureUser(String id, GovernanceSettings.BuiltInUser spec) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(spec.password());
            user.setFirstName(spec.firstName() != null ? spec.firstName() : id);
            user.setLastName(spec.lastName() != null ? spec.lastName() : "Stratum");
            user.setEmail(spec.email() != null ? spec.email() : id + "@stratum.local");
            identity.saveUser(user);
            log.info("Created built-in user '{}'", id);
        }
        for (String group : spec.groups()) {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                ensureGroup(group, group);
            }
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    /** What each role may do in the engine, the REST API and the webapps (admins bypass checks). */
    private void grantRoleModel() {
        // Admins may do everything: Camunda's authorization checks have no group bypass, so grant ALL everywhere.
        for (Resource resource : Resources.values()) {
            grant(settings.adminGroup(), resource, ANY, Permissions.ALL);
        }

        // Analysts model and deploy processes and decisions, start and watch them.
        grant(Roles.ANALYSTS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.ANALYSTS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Roles.ANALYSTS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ, Permissions.DELETE);
        grant(Roles.ANALYSTS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
                Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
        grant(Roles.ANALYSTS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ);
        grant(Roles.ANALYSTS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
                Permissions.READ_HISTORY);
        grant(Roles.ANALYSTS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(Roles.ANALYSTS, Resources.FILTER, ANY, Permissions.READ);

        // Approvers, dispatchers and model owners work their tasks in Tasklist; the engine grants task access
        // through candidate-group identity links.
        for (String worker : List.of(Roles.APPROVERS, Roles.DISPATCHERS, Roles.MODEL_OWNERS)) {
            grant(worker, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(worker, Resources.FILTER, ANY, Permissions.READ);
            grant(worker, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        }

        // Auditors read everything, change nothing.
        grant(Roles.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.AUDITORS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(Roles.AUDITORS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY, Permissions.READ_TASK);
        grant(Roles.AUDITORS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(Roles.AUDITORS, Resources.TASK, ANY, Permissions.READ);
        grant(Roles.AUDITORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.AUDITORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization auth = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            auth.setGroupId(group);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        boolean changed = existing == null;
        for (Permission p : permissions) {
            if (p == Permissions.ALL ? !auth.isEveryPermissionGranted() : !auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }
}
