package dev.todolist.account;

/**
 * A personal access token just created: {@code token} is the secret the caller must keep, shown
 * this once; only its hash is stored in {@code stored}.
 */
public record IssuedAccessToken(String token, AccessToken stored) {

    @Override
    public String toString() {
        return "IssuedAccessToken[" + stored + "]";
    }
}
