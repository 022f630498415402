using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Emporium.UnitTests.Security;

public sealed class CookieSecurityTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Emporium.Host";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static HttpContext PlainHttpRequest(string environment) => new DefaultHttpContext
    {
        RequestServices = new ServiceCollection().AddSingleton<IHostEnvironment>(new Environment(environment)).BuildServiceProvider(),
    };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Cookies_are_secure_outside_development_even_on_a_plain_http_request_behind_a_proxy(string environment)
    {
        CookieSecurity.PolicyFor(new Environment(environment)).ShouldBe(CookieSecurePolicy.Always);
        CookieSecurity.IsSecure(PlainHttpRequest(environment)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void A_developer_machine_and_the_tests_may_use_plain_http_on_loopback(string environment)
    {
        CookieSecurity.PolicyFor(new Environment(environment)).ShouldBe(CookieSecurePolicy.SameAsRequest);
        CookieSecurity.IsSecure(PlainHttpRequest(environment)).ShouldBeFalse();
    }
}
