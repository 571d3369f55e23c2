package io.stratum.governance;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic credentials checked against Camunda's identity service (built-in users, or whatever identity provider
 * plugin the engine has). Each Camunda group becomes an authority named like the group, so URL rules read
 * {@code hasAnyAuthority("auditors", "camunda-admin")}. Camunda's own login throttling applies.
 * <p>
 * Stateless Basic auth checks the password on every request (a salted hash plus user and group queries); a client
 * sending many requests pays that each time. So a successful check is remembered for {@code cacheTtl}, keyed by a
 * salted SHA-256 of user and password (the password itself is never kept). A failed check is never cached and drops
 * what is remembered for that user, so a changed password or a lock-out counts at the next wrong attempt; a removed
 * user or group membership counts at the latest after {@code cacheTtl}.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

    /** Bounds memory if many distinct credentials arrive; reaching it just empties the cache. */
    static final int MAX_CACHED = 1000;

    private record Remembered(String user, List<SimpleGrantedAuthority> groups, long expiresAt) {
    }

    private final IdentityService identity;
    private final long ttlNanos;
    private final byte[] salt = new byte[16];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    @Autowired
    CamundaIdentityAuthentication(IdentityService identity, GovernanceSettings settings) {
        this(identity, settings.authenticationCacheTtl());
    }

    CamundaIdentityAuthentication(IdentityService identity, Duration cacheTtl) {
        this.identity = identity;
        this.ttlNanos = cacheTtl == null ? 0 : cacheTtl.toNanos();
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        String key = user == null || credentials == null ? null : key(user, credentials.toString());
        if (key != null && ttlNanos > 0) {
            Remembered hit = remembered.get(key);
            if (hit != null && System.nanoTime() - hit.expiresAt() < 0) {
                return UsernamePasswordAuthenticationToken.authenticated(user, null, hit.groups());
            }
        }
        boolean valid;
        try {
            valid = key != null && identity.checkPassword(user, credentials.toString());
        } catch (RuntimeException e) {
            // External identity providers (e.g. Keycloak answering 400) throw instead of saying "no".
            valid = false;
        }
        if (!valid) {
            if (user != null) {
                remembered.values().removeIf(r -> r.user().equals(user));
            }
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> groups = groupsOf(user).stream().map(SimpleGrantedAuthority::new).toList();
        if (ttlNanos > 0) {
            if (remembered.size() >= MAX_CACHED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user, groups, System.nanoTime() + ttlNanos));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private String key(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
