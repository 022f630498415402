using System.Text;
using Emporium.Cart.Items;
using Microsoft.AspNetCore.Http;

namespace Emporium.UnitTests.Cart;

public sealed class QuantityBodyTests
{
    private static Task<Emporium.BuildingBlocks.Results.Result<int>> Read(string? body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        return QuantityBody.ReadAsync(context.Request, maxQuantity: 10, CancellationToken.None);
    }

    [Theory]
    [InlineData("""{"quantity":0}""", 0)]
    [InlineData("""{"quantity":3}""", 3)]
    [InlineData("""{ "Quantity": 10 }""", 10)]
    public async Task A_whole_number_from_zero_to_the_maximum_is_read(string body, int expected)
    {
        var result = await Read(body);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"quantity":-1}""")]
    [InlineData("""{"quantity":1.5}""")]
    [InlineData("""{"quantity":"2"}""")]
    [InlineData("""{"quantity":null}""")]
    [InlineData("""{"quantity":11}""")]
    [InlineData("""{"quantity":1e3}""")]
    [InlineData("""{"quantity":99999999999999999999}""")]
    [InlineData("""{"quantity":1,"quantity":2}""")]
    [InlineData("""{"qty":1}""")]
    [InlineData("""{}""")]
    [InlineData("""[1]""")]
    [InlineData("""3""")]
    [InlineData("""{"quantity":""")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Anything_else_is_a_validation_error_naming_quantity(string body)
    {
        var result = await Read(body);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Fields!.Keys.ShouldBe(["quantity"]);
    }

    [Fact]
    public async Task A_body_larger_than_any_valid_one_is_rejected_unread() =>
        (await Read("{\"quantity\":1,\"pad\":\"" + new string('x', 2_000) + "\"}")).IsSuccess.ShouldBeFalse();
}
