package ai.vtry.clothes.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The product pages of the discovery tests (src/test/resources/pages), each with the URL it is
 * parsed as coming from and the product pictures a person would pick from it. {@code knownExtras}
 * are non-product pictures the finder is known to return (kept honest in the figures).
 */
public final class TestPages {

    public record Page(String file, String url, List<String> products, List<String> knownExtras) {

        public String html() {
            return TestPages.read(file);
        }
    }

    public static final List<Page> ALL = List.of(
            new Page("og-only.html", "https://atelier.test/products/linen-shirt",
                    List.of("https://cdn.atelier.test/products/linen-shirt-front.jpg"), List.of()),
            new Page("json-ld.html", "https://northwind.test/coats/wool-coat",
                    List.of("https://images.northwind.test/coat/wool-coat-1.jpg",
                            "https://images.northwind.test/coat/wool-coat-2.jpg",
                            "https://northwind.test/coat/wool-coat-3.jpg"), List.of()),
            new Page("srcset.html", "https://dress.test/products/midi-dress",
                    List.of("https://cdn.dress.test/s/files/midi-dress-front_1600x.jpg",
                            "https://cdn.dress.test/s/files/midi-dress-back_1600x.webp",
                            "https://cdn.dress.test/s/files/midi-dress-detail.jpg?v=1712&width=1200"), List.of()),
            new Page("lazy.html", "https://shop.denim.test/product/denim-jacket/",
                    List.of("https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket.jpg",
                            "https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket-back-1200x1600.jpg",
                            "https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket-pocket.jpg"), List.of()),
            new Page("relative.html", "https://trench.test/p/trench-coat?colour=beige",
                    List.of("https://trench.test/shop/assets/images/trench-1.jpg",
                            "https://trench.test/shop/img/trench-2.jpg",
                            "https://trench.test/abs/trench-3.jpg",
                            "https://cdn.trench.test/zoom/trench-4.jpg"), List.of()),
            new Page("microdata.html", "https://boots.test/leather-boots",
                    List.of("https://boots.test/media/leather-boots-pair.jpg",
                            "https://boots.test/media/leather-boots-side.jpg"), List.of()),
            new Page("outfit.html", "https://stylebook.test/outfits/r8afeDGeTVq/",
                    List.of("https://img.stylebook.test/outfits/autumn-look.jpg?imwidth=1200",
                            "https://img.stylebook.test/articles/knit-jumper.jpg?imwidth=300",
                            "https://img.stylebook.test/articles/straight-jeans.jpg?imwidth=300",
                            "https://img.stylebook.test/articles/chelsea-boots.jpg?imwidth=300",
                            "https://img.stylebook.test/articles/shoulder-bag.jpg?imwidth=300"), List.of()),
            new Page("magento.html", "https://tailor.test/oxford-shirt.html",
                    List.of("https://tailor.test/media/catalog/product/cache/9df78eab33525d08d6e5fb8d27136e95/o/x/oxford-shirt-blue.jpg",
                            "https://tailor.test/media/catalog/product/cache/0f831c1845fc143d00d6d1ebc49f446a/o/x/oxford-shirt-blue-back.jpg"),
                    List.of()),
            new Page("next.html", "https://vest.test/products/puffer-vest",
                    List.of("https://images.vest.test/products/puffer-vest-olive-front.jpg",
                            "https://images.vest.test/products/puffer-vest-olive-back.jpg"),
                    List.of("https://images.vest.test/campaign/winter-sale-hero.jpg")),
            new Page("amazon-like.html", "https://amazon.test/dp/B0RAIN",
                    List.of("https://m.media.test/images/I/71rainJKT._AC_UL1500_.jpg"), List.of()),
            new Page("noisy.html", "https://highland.test/scarves/cashmere",
                    List.of("https://highland.test/img/products/cashmere-scarf-grey.jpg",
                            "https://highland.test/img/products/cashmere-scarf-grey-worn.jpg"), List.of()));

    public static Page page(String file) {
        return ALL.stream().filter(p -> p.file().equals(file)).findFirst().orElseThrow();
    }

    public static String read(String file) {
        try (InputStream in = TestPages.class.getResourceAsStream("/pages/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test page " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestPages() {
    }
}
