using Emporium.Cart.Identity;
using Microsoft.AspNetCore.Http;

namespace Emporium.UnitTests.Cart;

public sealed class GuestCartIdTests
{
    [Fact]
    public void New_ids_are_32_lowercase_hex_characters_and_differ()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => GuestCartId.New()).ToList();

        ids.ShouldAllBe(id => GuestCartId.IsWellFormed(id));
        ids.Distinct().Count().ShouldBe(100);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("../../etc/passwd")]
    public void Anything_else_is_not_a_cart_id(string? id) => GuestCartId.IsWellFormed(id).ShouldBeFalse();

    [Fact]
    public void The_header_wins_over_the_cookie_and_a_malformed_one_names_no_cart()
    {
        var (header, cookie) = (GuestCartId.New(), GuestCartId.New());
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{GuestCartId.CookieName}={cookie}";

        GuestCartId.FromRequest(context.Request).ShouldBe(cookie);
        context.Request.Headers[GuestCartId.HeaderName] = header;
        GuestCartId.FromRequest(context.Request).ShouldBe(header);
        context.Request.Headers[GuestCartId.HeaderName] = "nonsense";
        GuestCartId.FromRequest(context.Request).ShouldBeNull();
    }
}
