-- Catalog: categories (a tree), brands, sellers, products and their variants (SKUs).
-- Timestamps are Unix milliseconds (UTC) so both engines sort and compare them the same way.

CREATE TABLE catalog_categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES catalog_categories (id),
    slug      TEXT    NOT NULL UNIQUE,
    name      TEXT    NOT NULL,
    -- '/1/7/12/': ancestors and self, so a subtree is one prefix range
    path      TEXT    NOT NULL UNIQUE
);

CREATE TABLE catalog_brands (
    id   INTEGER PRIMARY KEY,
    slug TEXT    NOT NULL UNIQUE,
    name TEXT    NOT NULL
);

CREATE TABLE catalog_sellers (
    id   TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE catalog_products (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    brand_id       INTEGER NOT NULL REFERENCES catalog_brands (id),
    category_id    INTEGER NOT NULL REFERENCES catalog_categories (id),
    seller_id      TEXT    NOT NULL REFERENCES catalog_sellers (id),
    attributes     TEXT    NOT NULL DEFAULT '{}',
    images         TEXT    NOT NULL DEFAULT '[]',
    status         TEXT    NOT NULL CHECK (status IN ('active', 'draft', 'inactive')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    rating_average REAL    NOT NULL DEFAULT 0 CHECK (rating_average BETWEEN 0 AND 5),
    rating_count   INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    -- search read model, kept by the catalog writer: cheapest active SKU, and any SKU in stock
    currency       TEXT    NOT NULL,
    min_price      INTEGER NOT NULL CHECK (min_price >= 0),
    max_price      INTEGER NOT NULL CHECK (max_price >= min_price),
    in_stock       INTEGER NOT NULL DEFAULT 0 CHECK (in_stock IN (0, 1)),
    -- text indexed by full-text search besides title and description
    search_brand      TEXT NOT NULL,
    search_categories TEXT NOT NULL,
    -- 'c1 c7 c12': the category and its ancestors as tokens, so a category filter is part of the MATCH
    search_category_tokens TEXT NOT NULL
);

CREATE INDEX ix_catalog_products_category ON catalog_products (category_id);
CREATE INDEX ix_catalog_products_seller ON catalog_products (seller_id);

CREATE TABLE catalog_skus (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES catalog_products (id),
    seller_id    TEXT    NOT NULL REFERENCES catalog_sellers (id),
    -- a seller's own identifier for the variant, unique among that seller's SKUs
    code         TEXT    NOT NULL,
    attributes   TEXT    NOT NULL DEFAULT '{}',
    price_amount INTEGER NOT NULL CHECK (price_amount >= 0),
    currency     TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('active', 'inactive')),
    in_stock     INTEGER NOT NULL DEFAULT 0 CHECK (in_stock IN (0, 1))
);

CREATE INDEX ix_catalog_skus_product ON catalog_skus (product_id);
CREATE UNIQUE INDEX ux_catalog_skus_seller_code ON catalog_skus (seller_id, code);

-- Full-text index over products (external content: the text lives once, in catalog_products).
-- Columns are weighted at query time: title 10, brand 6, categories 3, description 1, category tokens 0.
CREATE VIRTUAL TABLE catalog_product_search USING fts5 (
    title, search_brand, search_categories, description, search_category_tokens,
    content = 'catalog_products', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    -- detail=column was measured (B5): twice as slow on broad words, so full detail stays
    prefix = '2 3'
);

CREATE TRIGGER catalog_products_search_insert AFTER INSERT ON catalog_products BEGIN
    INSERT INTO catalog_product_search (rowid, title, search_brand, search_categories, description, search_category_tokens)
    VALUES (new.id, new.title, new.search_brand, new.search_categories, new.description, new.search_category_tokens);
END;

CREATE TRIGGER catalog_products_search_delete AFTER DELETE ON catalog_products BEGIN
    INSERT INTO catalog_product_search (catalog_product_search, rowid, title, search_brand, search_categories, description, search_category_tokens)
    VALUES ('delete', old.id, old.title, old.search_brand, old.search_categories, old.description, old.search_category_tokens);
END;

CREATE TRIGGER catalog_products_search_update AFTER UPDATE OF title, search_brand, search_categories, description, search_category_tokens ON catalog_products BEGIN
    INSERT INTO catalog_product_search (catalog_product_search, rowid, title, search_brand, search_categories, description, search_category_tokens)
    VALUES ('delete', old.id, old.title, old.search_brand, old.search_categories, old.description, old.search_category_tokens);
    INSERT INTO catalog_product_search (rowid, title, search_brand, search_categories, description, search_category_tokens)
    VALUES (new.id, new.title, new.search_brand, new.search_categories, new.description, new.search_category_tokens);
END;

-- The few columns search reads for every match (filters, facets, sorts), apart from the wide product
-- rows: a common word matches tens of thousands of products, and reading 40-byte rows instead of
-- whole products is most of the difference. Kept by the catalog writer in the same transaction.
CREATE TABLE catalog_search_facts (
    id             INTEGER PRIMARY KEY REFERENCES catalog_products (id),
    active         INTEGER NOT NULL CHECK (active IN (0, 1)),
    in_stock       INTEGER NOT NULL CHECK (in_stock IN (0, 1)),
    brand_id       INTEGER NOT NULL,
    category_id    INTEGER NOT NULL,
    min_price      INTEGER NOT NULL,
    rating_average REAL    NOT NULL,
    rating_count   INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE INDEX ix_catalog_search_facts_category ON catalog_search_facts (category_id);

-- Vocabulary of indexed words with document counts: typo correction looks candidates up here.
CREATE TABLE catalog_search_terms (
    term      TEXT    NOT NULL PRIMARY KEY,
    doc_count INTEGER NOT NULL CHECK (doc_count >= 0)
) WITHOUT ROWID;
