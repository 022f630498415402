using Emporium.BuildingBlocks.Results;

namespace Emporium.Accounts.Addresses;

/// <summary>An address as a client sends it (the API's address shape).</summary>
internal sealed record AddressInput(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

/// <summary>A validated address: required parts present and trimmed, optional parts null when blank.</summary>
internal sealed record PostalAddress(string Name, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);

/// <summary>
/// The address rules: name, line1, city, postal code and country are required; country is an ISO 3166-1
/// alpha-2 code in upper case; every part has a length a shipping label can print and no control characters.
/// </summary>
internal static class AddressRules
{
    public const int NameMax = 100;
    public const int LineMax = 200;
    public const int CityMax = 100;
    public const int RegionMax = 100;
    public const int PostalCodeMax = 20;

    public static Result<PostalAddress> Validate(AddressInput? input)
    {
        var errors = new ValidationErrors();
        var name = Part(errors, "name", input?.Name, NameMax, required: true);
        var line1 = Part(errors, "line1", input?.Line1, LineMax, required: true);
        var line2 = Part(errors, "line2", input?.Line2, LineMax, required: false);
        var city = Part(errors, "city", input?.City, CityMax, required: true);
        var region = Part(errors, "region", input?.Region, RegionMax, required: false);
        var postalCode = Part(errors, "postalCode", input?.PostalCode, PostalCodeMax, required: true);
        var country = input?.Country?.Trim() ?? string.Empty;
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add("country", "An ISO 3166-1 alpha-2 country code in upper case, e.g. US, GB or DE, is required.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return new PostalAddress(name!, line1!, line2, city!, region, postalCode!, country);
    }

    private static string? Part(ValidationErrors errors, string field, string? value, int max, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }

            return null;
        }

        if (trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            errors.Add(field, $"At most {max} characters, on one line.");
        }

        return trimmed;
    }
}
