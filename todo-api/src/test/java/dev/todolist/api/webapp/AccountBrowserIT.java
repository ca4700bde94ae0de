package dev.todolist.api.webapp;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts in a real Chromium: sign-up, sign-in and sign-out with the cookie session (no token in
 * script storage), errors next to their fields, the account screen (password, personal access
 * tokens, deletion), French, a phone-sized screen in the dark theme, and the README's screenshot.
 */
@Needs(Prerequisite.CHROMIUM)
@ExtendWith(WebAppUnderTest.class)
class AccountBrowserIT {

    @Test
    void signUpSignOutAndSignInAgainKeepNoTokenInTheScriptsReach(WebAppUnderTest server) {
        App app = new App(server.freshBrowser(), server);
        app.open("");
        app.browser.assertAccessible("sign-in");
        app.browser.find(".switch-mode button").click();
        app.browser.find("#auth-heading");
        app.browser.assertAccessible("sign-up");
        String email = WebAppUnderTest.newEmail("ann");
        app.fillAuth(email, "short");
        WebElement error = app.browser.find("#auth-password-error");
        assertFalse(error.getText().isBlank());
        app.fillAuth(email, WebAppUnderTest.PASSWORD);
        app.browser.find(".new-todo");
        app.add("my first todo");
        Object storage = app.browser.driver.executeScript(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertFalse(String.valueOf(storage).contains("eyJ"), "no session token where scripts can read it: " + storage);

        app.browser.find("#sign-out").click();
        assertTrue(app.browser.find(".auth .notice").getText().contains("signed out"));
        app.fillAuth(email, "not the password at all");
        assertFalse(app.browser.find(".auth-form .form-error").getText().isBlank());
        app.fillAuth(email, WebAppUnderTest.PASSWORD);
        app.awaitTitles("my first todo");
    }

    @Test
    void theAccountScreenChangesThePasswordManagesTokensAndDeletesTheAccount(WebAppUnderTest server) {
        WebAppUnderTest.User bob = server.newUser("bob");
        App app = App.signedIn(server, bob);
        app.browser.find("#account-link").click();
        app.browser.find("#password-form");
        app.browser.awaitReady();
        app.browser.assertAccessible("account");

        app.browser.find("#current-password").sendKeys("wrong wrong wrong wrong");
        app.browser.find("#new-password").sendKeys("a brand new passphrase");
        app.browser.find("#password-form button[type=submit]").click();
        assertFalse(app.browser.find("#password-form .form-error").getText().isBlank());
        app.browser.find("#current-password").clear();
        app.browser.find("#current-password").sendKeys(WebAppUnderTest.PASSWORD);
        app.browser.find("#password-form button[type=submit]").click();
        assertTrue(app.browser.find("#password-form .notice").getText().contains("Password changed"));

        app.browser.find("#token-name").sendKeys("nightly export");
        app.browser.find("#token-form button[type=submit]").click();
        String token = app.browser.find("#token-value").getAttribute("value");
        assertTrue(token.startsWith("tdl_"), token);
        assertEquals(200, server.send("GET", "/api/v1/todos", null, token).statusCode());
        app.browser.find(".token-list button.danger").click();
        app.browser.until(d -> d.findElements(By.cssSelector(".token-list button.danger")).isEmpty());
        assertEquals(401, server.send("GET", "/api/v1/todos", null, token).statusCode(), "revoked at once");

        app.browser.find("#delete-password").sendKeys("a brand new passphrase");
        app.browser.find("#delete-form button[type=submit]").click();
        assertTrue(app.browser.find(".auth .notice").getText().contains("deleted"));
        app.fillAuth(bob.email(), "a brand new passphrase");
        assertFalse(app.browser.find(".auth-form .form-error").getText().isBlank(), "the account is gone");
    }

    @Test
    void frenchComesFromTheBrowserAndTheSwitchChangesIt(WebAppUnderTest server) {
        String email = WebAppUnderTest.newEmail("claire");
        server.signUp(email);
        // The language is the browser's own, given when it starts: this test opens one of its own.
        try (Browser french = Browser.open("fr-FR", 1024, 900)) {
            App app = new App(french, server);
            app.open("");
            assertEquals("Se connecter", app.browser.find("#auth-heading").getText());
            app.signIn(email, WebAppUnderTest.PASSWORD);
            app.add("acheter du pain");
            app.add("arroser les plantes");
            app.awaitCount("2 tâches restantes");
            app.item("acheter du pain").findElement(By.cssSelector(".toggle")).click();
            app.awaitCount("1 tâche restante");
            assertEquals("fr", app.browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
            app.browser.assertAccessible("list in French");
            app.chooseLanguage("en");
            app.awaitCount("1 item left");
            assertEquals("en", app.browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        }
    }

    @Test
    void aPhoneSizedScreenInTheDarkThemeNeedsNoSidewaysScrolling(WebAppUnderTest server) throws Exception {
        WebAppUnderTest.User dana = server.newUser("dana");
        server.createTodo(dana.token(), "{\"title\":\"Renew the passport\",\"priority\":\"high\",\"dueDate\":\"2031-03-15\",\"tags\":[\"admin\"]}");
        server.createTodo(dana.token(), "{\"title\":\"Book the dentist\",\"tags\":[\"health\"],\"notes\":\"Tuesday mornings\"}");
        server.createTodo(dana.token(), "{\"title\":\"Water the plants\",\"completed\":true,\"tags\":[\"home\"]}");
        server.createTodo(dana.token(), "{\"title\":\"Plan the summer trip\",\"priority\":\"low\",\"tags\":[\"family\",\"travel\"]}");
        Browser browser = server.freshBrowser();
        browser.driver.manage().window().setSize(new Dimension(1100, 820));
        App app = App.signedIn(server, dana, browser);
        app.awaitCount("3 items left");
        Path screenshot = app.browser.screenshot("todo-web");
        assertTrue(Files.size(screenshot) > 10_000);

        app.chooseTheme("dark");
        app.browser.driver.manage().window().setSize(new Dimension(360, 740));
        app.browser.until(d -> Long.valueOf(360).equals(app.browser.driver.executeScript("return window.innerWidth")));
        Object overflow = app.browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0L, overflow, "nothing wider than the phone's screen");
        int titleWidth = app.item("Renew the passport").findElement(By.cssSelector("label")).getSize().getWidth();
        assertTrue(titleWidth >= 150, "the title keeps most of the row: " + titleWidth + " px");
        app.browser.screenshot("todo-web-phone-dark");
        app.browser.assertAccessible("phone, dark theme");
    }
}
