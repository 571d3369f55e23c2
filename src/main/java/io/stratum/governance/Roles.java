package io.stratum.governance;

/** The group ids of Stratum's role model; the same names in the built-in identity and in Keycloak. */
public final class Roles {
    public static final String ADMINS = "camunda-admin";
    public static final String ANALYSTS = "analysts";
    public static final String APPROVERS = "approvers";
    public static final String AUDITORS = "auditors";
    public static final String MODEL_OWNERS = "model-owners";
    public static final String DISPATCHERS = "dispatchers";
    /** Operations leaders: the operations dashboard. */
    public static final String OPERATIONS = "operations";

    private Roles() {
    }
}
