package dev.todolist.api.webapp;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

/** The web app as a person uses it, in one browser: the steps the tests share. */
final class App {

    final Browser browser;
    private final WebAppUnderTest server;

    App(Browser browser, WebAppUnderTest server) {
        this.browser = browser;
        this.server = server;
    }

    /** The class's browser, fresh, signed in through the form as {@code user}. */
    static App signedIn(WebAppUnderTest server, WebAppUnderTest.User user) {
        return signedIn(server, user, server.freshBrowser());
    }

    /** That browser signed in through the form as {@code user}. */
    static App signedIn(WebAppUnderTest server, WebAppUnderTest.User user, Browser browser) {
        App app = new App(browser, server);
        app.signIn(user.email(), WebAppUnderTest.PASSWORD);
        return app;
    }

    void open(String hash) {
        browser.driver.get(server.url("/" + hash));
        browser.awaitReady();
    }

    /** Signs in through the form (the user exists already). */
    void signIn(String email, String password) {
        open("");
        fillAuth(email, password);
        browser.find(".new-todo");
        browser.awaitReady();
    }

    void fillAuth(String email, String password) {
        WebElement emailField = browser.find("#auth-email");
        emailField.clear();
        emailField.sendKeys(email);
        WebElement passwordField = browser.find("#auth-password");
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.find(".auth-form button[type=submit]").click();
    }

    /** Reloads the page and waits until the app is ready again. */
    void reload() {
        browser.navigate().refresh();
        browser.awaitReady();
    }

    /** Double-clicks the todo's label (edit mode) and returns its edit field. */
    WebElement startEditing(String title) {
        WebElement li = item(title);
        new Actions(browser.driver).doubleClick(li.findElement(By.cssSelector("label"))).perform();
        return li.findElement(By.cssSelector(".edit"));
    }

    void add(String title) {
        int before = titles().size();
        browser.find(".new-todo").sendKeys(title, Keys.ENTER);
        browser.until(d -> titles().size() == before + 1);
    }

    /** The titles shown, read in one script call (the list may be re-rendered between two element reads). */
    @SuppressWarnings("unchecked")
    List<String> titles() {
        return (List<String>) browser.driver.executeScript(
                "return [...document.querySelectorAll('.todo-list li label')].map(label => label.textContent)");
    }

    WebElement item(String title) {
        return browser.until(d -> d.findElements(By.cssSelector(".todo-list li")).stream()
                .filter(li -> title.equals(li.findElement(By.cssSelector("label")).getAttribute("textContent")))
                .findFirst().orElse(null));
    }

    String count() {
        return browser.find(".todo-count").getText();
    }

    void awaitCount(String text) {
        browser.until(d -> text.equals(d.findElement(By.cssSelector(".todo-count")).getText()));
    }

    void chooseLanguage(String code) {
        new Select(browser.find("#language")).selectByValue(code);
    }

    void chooseTheme(String theme) {
        new Select(browser.find("#theme")).selectByValue(theme);
    }

    /** Waits until the loaded list shows exactly these titles, in this order. */
    void awaitTitles(String... titles) {
        List<String> wanted = List.of(titles);
        browser.until(d -> titles().equals(wanted));
    }
}
