namespace Emporium.Catalog.Seeding;

/// <summary>A leaf category of the demo catalog: what its products are called, how they vary, what they cost.</summary>
internal sealed record LeafKind(string Slug, string Name, string[] Nouns, VariantAxis[] Axes, long MinPrice, long MaxPrice);

/// <summary>A dimension along which a product's SKUs differ ("size": S, M, L).</summary>
internal sealed record VariantAxis(string Name, string[] Values, long[]? PriceSteps = null);

internal sealed record Branch(string Slug, string Name, Branch[] Children, LeafKind? Leaf = null);

/// <summary>The demo catalog's shape: a realistic category tree, a dozen brands and sellers, and the words products are made of.</summary>
internal static class DemoTaxonomy
{
    private static readonly VariantAxis Colour = new("colour", ["Black", "White", "Navy", "Red", "Green", "Grey", "Blue"]);
    private static readonly VariantAxis ApparelSize = new("size", ["XS", "S", "M", "L", "XL"]);
    private static readonly VariantAxis ShoeSize = new("size", ["38", "39", "40", "41", "42", "43", "44", "45"]);
    private static readonly VariantAxis Storage = new("storage", ["128 GB", "256 GB", "512 GB"], [0, 10_000, 25_000]);
    private static readonly VariantAxis Memory = new("memory", ["8 GB", "16 GB", "32 GB"], [0, 15_000, 40_000]);
    private static readonly VariantAxis Format = new("format", ["Paperback", "Hardcover", "E-book"], [0, 800, -300]);
    private static readonly VariantAxis Weight = new("weight", ["250 g", "500 g", "1 kg"], [0, 600, 1_400]);
    private static readonly VariantAxis Volume = new("volume", ["30 ml", "50 ml", "100 ml"], [0, 1_500, 3_500]);

    private static Branch Leaf(string slug, string name, string[] nouns, VariantAxis[] axes, long min, long max) =>
        new(slug, name, [], new LeafKind(slug, name, nouns, axes, min, max));

    public static readonly Branch[] Tree =
    [
        new("electronics", "Electronics",
        [
            Leaf("phones", "Phones", ["Smartphone", "Phone"], [Storage, Colour], 19_900, 129_900),
            new("computers", "Computers",
            [
                Leaf("laptops", "Laptops", ["Laptop", "Notebook", "Ultrabook"], [Memory], 49_900, 249_900),
                Leaf("monitors", "Monitors", ["Monitor", "Display"], [], 12_900, 89_900),
                Leaf("keyboards", "Keyboards", ["Keyboard", "Keypad"], [Colour], 2_900, 19_900),
            ]),
            Leaf("tablets", "Tablets", ["Tablet"], [Storage, Colour], 19_900, 99_900),
            Leaf("headphones", "Headphones", ["Headphones", "Earbuds", "Headset"], [Colour], 1_900, 39_900),
            Leaf("cameras", "Cameras", ["Camera", "Camcorder"], [], 29_900, 199_900),
            Leaf("smartwatches", "Smartwatches", ["Smartwatch", "Fitness Tracker"], [Colour], 4_900, 59_900),
        ]),
        new("fashion", "Fashion",
        [
            new("mens-clothing", "Men's Clothing",
            [
                Leaf("mens-shirts", "Shirts", ["Shirt", "T-Shirt", "Polo"], [ApparelSize, Colour], 1_500, 8_900),
                Leaf("mens-jackets", "Jackets", ["Jacket", "Parka", "Windbreaker"], [ApparelSize, Colour], 4_900, 39_900),
                Leaf("jeans", "Jeans", ["Jeans", "Chinos"], [ApparelSize], 3_900, 14_900),
            ]),
            new("womens-clothing", "Women's Clothing",
            [
                Leaf("dresses", "Dresses", ["Dress", "Sundress"], [ApparelSize, Colour], 2_900, 19_900),
                Leaf("womens-tops", "Tops", ["Blouse", "Top", "Tunic"], [ApparelSize, Colour], 1_900, 8_900),
                Leaf("coats", "Coats", ["Coat", "Trench Coat", "Raincoat"], [ApparelSize, Colour], 7_900, 49_900),
            ]),
            new("shoes", "Shoes",
            [
                Leaf("running-shoes", "Running Shoes", ["Running Shoes", "Trainers"], [ShoeSize], 4_900, 24_900),
                Leaf("boots", "Boots", ["Boots", "Hiking Boots"], [ShoeSize], 5_900, 29_900),
                Leaf("sneakers", "Sneakers", ["Sneakers", "Slip-ons"], [ShoeSize, Colour], 3_900, 17_900),
            ]),
        ]),
        new("home-kitchen", "Home & Kitchen",
        [
            Leaf("cookware", "Cookware", ["Frying Pan", "Saucepan", "Wok", "Dutch Oven"], [], 1_900, 29_900),
            Leaf("coffee-makers", "Coffee Makers", ["Espresso Machine", "Coffee Maker", "Grinder"], [Colour], 2_900, 89_900),
            Leaf("furniture", "Furniture", ["Chair", "Desk", "Bookshelf", "Sofa"], [Colour], 4_900, 199_900),
            Leaf("bedding", "Bedding", ["Duvet", "Pillow", "Sheet Set"], [], 1_900, 24_900),
            Leaf("lighting", "Lighting", ["Lamp", "Pendant Light", "Floor Lamp"], [], 1_900, 39_900),
        ]),
        new("sports-outdoors", "Sports & Outdoors",
        [
            Leaf("camping", "Camping", ["Tent", "Sleeping Bag", "Backpack", "Lantern"], [], 1_900, 59_900),
            Leaf("cycling", "Cycling", ["Bicycle", "Helmet", "Bike Light"], [ApparelSize], 1_500, 249_900),
            Leaf("fitness", "Fitness", ["Yoga Mat", "Dumbbell Set", "Kettlebell"], [], 1_500, 29_900),
        ]),
        new("books", "Books",
        [
            Leaf("fiction", "Fiction", ["Novel", "Thriller", "Short Stories"], [Format], 799, 3_499),
            Leaf("non-fiction", "Non-fiction", ["Cookbook", "Biography", "Field Guide"], [Format], 999, 4_999),
            Leaf("childrens-books", "Children's Books", ["Picture Book", "Storybook"], [Format], 599, 2_499),
        ]),
        new("beauty", "Beauty",
        [
            Leaf("skincare", "Skincare", ["Moisturizer", "Serum", "Cleanser"], [Volume], 999, 8_999),
            Leaf("fragrance", "Fragrance", ["Perfume", "Cologne"], [Volume], 2_999, 19_999),
        ]),
        new("toys-games", "Toys & Games",
        [
            Leaf("board-games", "Board Games", ["Board Game", "Card Game"], [], 1_499, 7_999),
            Leaf("building-sets", "Building Sets", ["Building Set", "Construction Kit"], [], 1_999, 19_999),
            Leaf("puzzles", "Puzzles", ["Jigsaw Puzzle", "Puzzle Cube"], [], 999, 4_999),
        ]),
        new("grocery", "Grocery",
        [
            Leaf("coffee-tea", "Coffee & Tea", ["Coffee Beans", "Green Tea", "Black Tea"], [Weight], 599, 4_999),
            Leaf("snacks", "Snacks", ["Granola", "Trail Mix", "Dark Chocolate"], [Weight], 299, 1_999),
        ]),
    ];

    public static readonly (string Slug, string Name)[] Brands =
    [
        ("acme", "Acme"), ("northwind", "Northwind"), ("contoso", "Contoso"), ("fabrikam", "Fabrikam"),
        ("tailspin", "Tailspin"), ("litware", "Litware"), ("adventure-works", "Adventure Works"), ("wingtip", "Wingtip"),
        ("proseware", "Proseware"), ("lucerne", "Lucerne"), ("woodgrove", "Woodgrove"), ("alpine", "Alpine"),
    ];

    public static readonly (string Id, string Name)[] Sellers =
    [
        ("seller-emporium", "Emporium Direct"), ("seller-northwind-traders", "Northwind Traders"),
        ("seller-harbor", "Harbor Goods"), ("seller-meadow", "Meadow & Co"), ("seller-summit", "Summit Outfitters"),
        ("seller-lantern", "Lantern House"), ("seller-pixel", "Pixel Depot"), ("seller-thread", "Thread & Needle"),
        ("seller-oak", "Oak Street Home"), ("seller-page", "Page Turners"), ("seller-bloom", "Bloom Beauty"),
        ("seller-pantry", "Pantry Provisions"),
    ];

    public static readonly string[] Adjectives =
    [
        "Classic", "Ultralight", "Premium", "Compact", "Wireless", "Eco", "Pro", "Vintage", "Everyday", "Travel",
        "Deluxe", "Essential", "Rugged", "Slim", "Smart", "Organic", "Heritage", "Urban", "Coastal", "Alpine",
        "Performance", "Studio", "Signature", "Modern", "Lightweight", "Waterproof", "Insulated", "Foldable", "Handmade", "Quiet",
    ];

    public static readonly string[] Materials =
    [
        "recycled aluminium", "organic cotton", "merino wool", "stainless steel", "bamboo", "full-grain leather",
        "ripstop nylon", "tempered glass", "solid oak", "ceramic", "cast iron", "silicone",
    ];

    public static readonly string[] Uses =
    [
        "daily commutes", "weekend trips", "the home office", "long hikes", "busy kitchens", "rainy days",
        "gifting", "small apartments", "early mornings", "family evenings", "the gym", "road trips",
    ];

    public static readonly string[] Features =
    [
        "Backed by a two-year warranty.", "Ships in plastic-free packaging.", "Designed to last for years.",
        "Easy to clean and care for.", "Tested by our own team.", "Made in small batches.",
        "Comes with a carrying pouch.", "Rated highly by reviewers.", "Energy efficient by design.",
    ];
}
