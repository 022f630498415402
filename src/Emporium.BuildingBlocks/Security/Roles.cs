namespace Emporium.BuildingBlocks.Security;

/// <summary>The roles a signed-in user can hold (role claims carry these values).</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Seller = "seller";
    public const string Admin = "admin";
}

/// <summary>Authorization policy names every module uses on its endpoints.</summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Sellers (their own things) and admins (everything).</summary>
    public const string Seller = "seller";

    public const string Admin = "admin";
}
