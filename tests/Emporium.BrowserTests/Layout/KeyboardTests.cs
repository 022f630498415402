using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Layout;

/// <summary>
/// The pages work from the keyboard: a page opens with focus on its heading (so the next Tab is in the
/// content, and a screen reader announces the page), the skip link jumps past the header, focus is visible.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class KeyboardTests(Storefront shop)
{
    [Fact]
    public async Task A_page_opens_on_its_heading_and_the_skip_link_moves_focus_past_the_header()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/search?q=steel");
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();

        await page.Locator(".skip-link").FocusAsync();
        await Assertions.Expect(page.Locator(".skip-link")).ToBeVisibleAsync(); // shown while focused
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/search\\?q=steel#main$"));
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("main");
    }

    [Fact]
    public async Task A_focused_link_shows_a_visible_outline()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab"); // from the heading to the first link in the content

        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        outline.ShouldNotBe("none");
    }
}
