package dev.todolist.api.webapp;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TodoMVC's application specification, signed in, in a real Chromium against the API jar: the
 * markup and class names, adding, editing, completing, filtering by route, counting and clearing,
 * and that all of it is still there after a reload.
 */
@Needs(Prerequisite.CHROMIUM)
@ExtendWith(WebAppUnderTest.class)
class TodoMvcBrowserIT {

    private App app;

    @BeforeEach
    void signIn(WebAppUnderTest server) {
        app = App.signedIn(server, server.newUser("mvc"));
    }

    @Test
    void withNoTodosMainAndFooterAreHiddenAndNewTodoHasFocus() {
        assertFalse(app.browser.all(".main").get(0).isDisplayed());
        assertFalse(app.browser.all(".footer").get(0).isDisplayed());
        assertEquals("new-todo", app.browser.driver.switchTo().activeElement().getAttribute("class"));
        app.browser.assertAccessible("empty list");
    }

    @Test
    void enterAddsTheTrimmedTitleAndClearsTheInput() {
        app.add("  buy some cheese  ");
        app.add("feed the cat");
        app.awaitTitles("buy some cheese", "feed the cat");
        assertEquals("", app.browser.find(".new-todo").getAttribute("value"));
        app.browser.find(".new-todo").sendKeys("   ", Keys.ENTER);
        app.awaitCount("2 items left");
        assertEquals(2, app.titles().size(), "a blank title is not added");
        assertTrue(app.browser.find(".main").isDisplayed());
        assertTrue(app.browser.find(".footer").isDisplayed());
    }

    @Test
    void countIsPluralisedAndToggleMarksCompleted() {
        app.add("one");
        app.awaitCount("1 item left");
        assertEquals("1", app.browser.find(".todo-count strong").getText());
        app.add("two");
        app.awaitCount("2 items left");
        app.item("one").findElement(By.cssSelector(".toggle")).click();
        app.awaitCount("1 item left");
        app.browser.until(d -> app.item("one").getAttribute("class").contains("completed"));
        app.item("one").findElement(By.cssSelector(".toggle")).click();
        app.awaitCount("2 items left");
        app.browser.until(d -> !app.item("one").getAttribute("class").contains("completed"));
    }

    @Test
    void toggleAllCompletesEverythingAndBackAndFollowsTheItems() {
        app.add("one");
        app.add("two");
        app.browser.find("label[for=toggle-all]").click();
        app.awaitCount("0 items left");
        app.browser.until(d -> app.browser.all(".todo-list li.completed").size() == 2);
        assertTrue(app.browser.all(".toggle-all").get(0).isSelected());
        app.browser.find("label[for=toggle-all]").click();
        app.awaitCount("2 items left");
        assertFalse(app.browser.all(".toggle-all").get(0).isSelected());
        app.item("one").findElement(By.cssSelector(".toggle")).click();
        app.item("two").findElement(By.cssSelector(".toggle")).click();
        app.awaitCount("0 items left");
        app.browser.until(d -> app.browser.all(".toggle-all").get(0).isSelected());
    }

    @Test
    void doubleClickEditsEnterSavesTrimmedAndHidesTheOtherControls() {
        app.add("buy cheese");
        WebElement li = app.item("buy cheese");
        new Actions(app.browser.driver).doubleClick(li.findElement(By.cssSelector("label"))).perform();
        app.browser.until(d -> li.getAttribute("class").contains("editing"));
        assertFalse(li.findElement(By.cssSelector(".toggle")).isDisplayed());
        assertFalse(li.findElement(By.cssSelector("label")).isDisplayed());
        WebElement edit = li.findElement(By.cssSelector(".edit"));
        assertEquals("buy cheese", edit.getAttribute("value"));
        edit.sendKeys(Keys.chord(Keys.CONTROL, "a"), "   buy brie   ", Keys.ENTER);
        app.awaitTitles("buy brie");
        app.reload();
        app.awaitTitles("buy brie");
    }

    @Test
    void blurSavesEscapeCancelsAndAnEmptyTitleDeletes() {
        app.add("first");
        app.add("second");
        app.startEditing("first").sendKeys(Keys.chord(Keys.CONTROL, "a"), "first, by blur");
        app.browser.find(".new-todo").click();
        app.awaitTitles("first, by blur", "second");

        WebElement second = app.item("second");
        app.startEditing("second").sendKeys(Keys.chord(Keys.CONTROL, "a"), "never saved", Keys.ESCAPE);
        app.browser.until(d -> !second.getAttribute("class").contains("editing"));
        app.awaitTitles("first, by blur", "second");

        app.startEditing("second").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, Keys.ENTER);
        app.awaitTitles("first, by blur");
        app.reload();
        app.awaitTitles("first, by blur");
    }

    @Test
    void destroyDeletesAndClearCompletedShowsOnlyWhenSomethingIsCompleted() {
        app.add("keep");
        app.add("done");
        app.add("remove");
        assertFalse(app.browser.all(".clear-completed").get(0).isDisplayed());
        WebElement remove = app.item("remove");
        new Actions(app.browser.driver).moveToElement(remove).perform();
        remove.findElement(By.cssSelector(".destroy")).click();
        app.awaitTitles("keep", "done");
        app.item("done").findElement(By.cssSelector(".toggle")).click();
        app.browser.find(".clear-completed").click();
        app.awaitTitles("keep");
        app.browser.until(d -> !app.browser.all(".clear-completed").get(0).isDisplayed());
        app.awaitCount("1 item left");
    }

    @Test
    void routesFilterTheListAndMarkTheSelectedFilter() {
        app.add("active one");
        app.add("completed one");
        app.item("completed one").findElement(By.cssSelector(".toggle")).click();
        app.awaitCount("1 item left");
        app.browser.find(".filters a[href='#/active']").click();
        app.awaitTitles("active one");
        assertEquals("#/active", app.browser.find(".filters a.selected").getAttribute("href").replaceAll(".*(#.*)", "$1"));
        app.browser.find(".filters a[href='#/completed']").click();
        app.awaitTitles("completed one");
        app.item("completed one").findElement(By.cssSelector(".toggle")).click();
        app.awaitTitles();
        app.browser.navigate().back();
        app.awaitTitles("active one", "completed one");
        app.open("#/");
        app.awaitTitles("active one", "completed one");
        assertEquals("#/", app.browser.find(".filters a.selected").getAttribute("href").replaceAll(".*(#.*)", "$1"));
        app.browser.assertAccessible("list with todos");
    }

    @Test
    void titlesAreShownAsTextNeverAsMarkup() {
        String attack = "<img src=x onerror=alert(1)>";
        app.add(attack);
        app.awaitTitles(attack);
        assertTrue(app.browser.all(".todo-list img").isEmpty(), "no element was made from the title");
        app.reload();
        app.awaitTitles(attack);
        assertTrue(app.browser.all(".todo-list img").isEmpty());
        assertEquals(List.of(), app.browser.driver.manage().logs().get("browser").getAll().stream()
                .filter(entry -> entry.getMessage().contains("alert")).toList());
    }
}
