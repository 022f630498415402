using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>A flash-sale page saved at desktop width and again at phone width, in the state it is in.</summary>
internal static class FlashSaleScreens
{
    public static async Task SaveBothAsync(IPage page, string name)
    {
        var desktop = page.ViewportSize;
        await Screenshots.SaveAsync(page, name, Screen.Desktop);
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse($"{name} scrolls sideways at 390 px");
        await Screenshots.SaveAsync(page, name, Screen.Phone);
        if (desktop is not null)
        {
            await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
        }
    }
}
