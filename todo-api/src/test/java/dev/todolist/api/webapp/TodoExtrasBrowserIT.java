package dev.todolist.api.webapp;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Beyond TodoMVC, in a real Chromium: details (due date, priority, tags, notes) and their field
 * errors, search, paging, reordering by keyboard and by mouse, a conflict with a second tab, the
 * unreachable-server notice, and that what was done survives a reload.
 */
@Needs(Prerequisite.CHROMIUM)
@ExtendWith(WebAppUnderTest.class)
class TodoExtrasBrowserIT {

    private WebAppUnderTest server;
    private String token;
    private App app;

    @BeforeEach
    void signIn(WebAppUnderTest server) {
        this.server = server;
        WebAppUnderTest.User user = server.newUser("extras");
        token = user.token();
        app = App.signedIn(server, user);
    }

    @Test
    void detailsAreSavedShownAndKeptAcrossReload() {
        app.add("file the taxes");
        WebElement li = app.item("file the taxes");
        li.findElement(By.cssSelector(".details-button")).click();
        WebElement form = app.browser.find("form.details");
        app.browser.assertAccessible("details form");
        form.findElement(By.cssSelector("input[type=date]")).sendKeys("03152031");
        new Select(form.findElement(By.cssSelector("select"))).selectByValue("high");
        form.findElement(By.cssSelector("input[id$=-tags]")).sendKeys("home, paperwork");
        form.findElement(By.cssSelector("textarea")).sendKeys("the blue folder");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        app.browser.until(d -> d.findElements(By.cssSelector("form.details")).isEmpty());
        app.reload();
        String meta = app.item("file the taxes").findElement(By.cssSelector(".meta")).getText();
        for (String shown : List.of("High", "2031", "#home", "#paperwork", "Notes")) {
            assertTrue(meta.contains(shown), shown + " in " + meta);
        }
    }

    @Test
    void aProblemIsShownNextToTheFieldItNames() {
        app.add("too many letters");
        app.item("too many letters").findElement(By.cssSelector(".details-button")).click();
        WebElement form = app.browser.find("form.details");
        form.findElement(By.cssSelector("input[id$=-tags]")).sendKeys("x".repeat(41));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = app.browser.find("form.details p[id$=-tags-error]");
        assertTrue(error.getText().contains("40"), error.getText());
        assertEquals("true", form.findElement(By.cssSelector("input[id$=-tags]")).getAttribute("aria-invalid"));
        app.browser.assertAccessible("details form with an error");
    }

    @Test
    void searchAndPagingNeverLoadTheWholeList() {
        for (int i = 1; i <= 120; i++) {
            server.createTodo(token, "{\"title\":\"chore " + i + (i % 40 == 0 ? " garden" : "") + "\"}");
        }
        app.open("#/");
        app.awaitCount("120 items left");
        assertEquals(50, app.titles().size(), "one page at first");
        app.browser.find(".load-more").click();
        app.browser.until(d -> app.titles().size() == 100);
        app.browser.find(".load-more").click();
        app.browser.until(d -> app.titles().size() == 120);
        app.browser.until(d -> !app.browser.all(".load-more").get(0).isDisplayed());
        app.browser.find("#search").sendKeys("garden");
        app.awaitTitles("chore 40 garden", "chore 80 garden", "chore 120 garden");
    }

    @Test
    void theKeyboardReordersAndTheOrderIsKept() {
        app.add("a");
        app.add("b");
        app.add("c");
        WebElement handle = app.item("c").findElement(By.cssSelector(".handle"));
        handle.sendKeys(Keys.ARROW_UP);
        app.awaitTitles("a", "c", "b");
        app.browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
        app.awaitTitles("c", "a", "b");
        awaitServerOrder("c", "a", "b");
        app.reload();
        app.awaitTitles("c", "a", "b");
    }

    @Test
    void theMouseReordersByDraggingTheHandle() {
        app.add("first");
        app.add("second");
        app.add("third");
        WebElement handle = app.item("first").findElement(By.cssSelector(".handle"));
        WebElement target = app.item("third");
        new Actions(app.browser.driver).clickAndHold(handle).moveByOffset(0, 20).moveToElement(target)
                .moveByOffset(0, 10).release().perform();
        app.awaitTitles("second", "third", "first");
        awaitServerOrder("second", "third", "first");
    }

    @Test
    void aChangeFromAnotherTabIsAConflictShowingTheNewerVersion() {
        app.add("call mum");
        String first = app.browser.driver.getWindowHandle();
        app.browser.driver.switchTo().newWindow(WindowType.TAB);
        app.open("#/");
        edit("call mum", "call mum on Sunday");
        app.awaitTitles("call mum on Sunday");

        app.browser.driver.switchTo().window(first);
        edit("call mum", "call dad");
        WebElement conflict = app.browser.find(".conflict");
        assertEquals("call mum on Sunday", conflict.findElement(By.cssSelector(".conflict-title")).getText());
        app.browser.assertAccessible("conflict");
        conflict.findElement(By.cssSelector("button.primary")).click();
        app.awaitTitles("call mum on Sunday");

        edit("call mum on Sunday", "call mum on Monday");
        app.awaitTitles("call mum on Monday");
        awaitServerOrder("call mum on Monday");
    }

    @Test
    void anUnreachableServerIsSaidAndTheActionIsRetried() {
        app.browser.driver.executeCdpCommand("Network.enable", Map.of());
        offline(true);
        app.browser.find(".new-todo").sendKeys("written while offline", Keys.ENTER);
        WebElement notice = app.browser.find("#connection.offline");
        assertTrue(notice.getText().contains("Cannot reach the server"), notice.getText());
        app.browser.assertAccessible("offline notice");
        offline(false);
        notice.findElement(By.cssSelector("button")).click();
        app.awaitTitles("written while offline");
        app.browser.until(d -> !d.findElement(By.id("connection")).getAttribute("class").contains("offline"));
    }

    private void offline(boolean offline) {
        app.browser.driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private void edit(String title, String replacement) {
        app.startEditing(title).sendKeys(Keys.chord(Keys.CONTROL, "a"), replacement, Keys.ENTER);
    }

    /** Waits until the API lists the user's todos in this order (the browser's writes are done). */
    private void awaitServerOrder(String... titles) {
        app.browser.until(d -> serverTitles().equals(List.of(titles)));
    }

    private List<String> serverTitles() {
        Matcher matcher = Pattern.compile("\"title\":\"([^\"]*)\"")
                .matcher(server.send("GET", "/api/v1/todos?sort=order", null, token).body());
        List<String> titles = new java.util.ArrayList<>();
        while (matcher.find()) {
            titles.add(matcher.group(1));
        }
        return titles;
    }
}
