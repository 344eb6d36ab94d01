package ai.vtry.clothes.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.vtry.clothes.discovery.PageImageFinder.FoundImage;
import ai.vtry.clothes.discovery.PageImageFinder.Result;
import ai.vtry.clothes.discovery.TestPages.Page;
import io.quarkus.logging.Log;

class PageImageFinderTest {

    private static Result find(String file) {
        Page page = TestPages.page(file);
        return PageImageFinder.find(page.html(), page.url(), 20);
    }

    private static List<String> urls(Result result) {
        return result.images().stream().map(FoundImage::imageUrl).toList();
    }

    private static FoundImage image(Result result, String url) {
        return result.images().stream().filter(i -> i.imageUrl().equals(url)).findFirst()
                .orElseThrow(() -> new AssertionError(url + " not among " + urls(result)));
    }

    @Test
    void everyTestPageGivesItsProductPicturesAndNothingElse() {
        for (Page page : TestPages.ALL) {
            List<String> found = urls(PageImageFinder.find(page.html(), page.url(), 20));
            List<String> expected = new ArrayList<>(page.products());
            expected.addAll(page.knownExtras());
            assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList(), page.file());
            // product pictures come before anything else
            List<String> leading = found.subList(0, page.products().size());
            assertTrue(page.products().containsAll(leading), page.file() + ": " + found);
        }
    }

    @Test
    void discoveryFigures() {
        int expected = 0;
        int found = 0;
        int extras = 0;
        for (Page page : TestPages.ALL) {
            List<String> urls = urls(PageImageFinder.find(page.html(), page.url(), 12));
            Log.infof("%s: %s", page.file(), urls);
            expected += page.products().size();
            found += (int) page.products().stream().filter(urls::contains).count();
            extras += (int) urls.stream().filter(u -> !page.products().contains(u)).count();
        }
        Log.infof("Discovery on %d test pages: %d of %d product pictures found, %d non-product pictures returned",
                TestPages.ALL.size(), found, expected, extras);
        assertEquals(expected, found);
        assertTrue(extras <= 1, extras + " non-product pictures");
    }

    @Test
    void openGraphAloneIsEnoughAndKeepsItsSizeAndAlt() {
        Result result = find("og-only.html");
        assertEquals("Linen Shirt", result.pageTitle());
        FoundImage shirt = result.images().get(0);
        assertEquals(1200, shirt.width());
        assertEquals(1500, shirt.height());
        assertEquals("Linen shirt in sand, front", shirt.title());
    }

    @Test
    void jsonLdProductImagesInEveryShapeButNotLogosOrReviewers() {
        Result result = find("json-ld.html");
        assertEquals(List.of("https://images.northwind.test/coat/wool-coat-1.jpg",
                "https://images.northwind.test/coat/wool-coat-2.jpg", "https://northwind.test/coat/wool-coat-3.jpg"),
                urls(result), "in the order the product lists them");
        FoundImage second = image(result, "https://images.northwind.test/coat/wool-coat-2.jpg");
        assertEquals(1000, second.width());
        assertEquals(1400, second.height());
        assertEquals("Wool Coat", result.images().get(0).title());
        assertEquals("Wool Coat | Northwind", result.pageTitle());
    }

    @Test
    void srcsetGivesTheLargestCandidateAndThumbnailsMergeIntoIt() {
        Result result = find("srcset.html");
        FoundImage front = result.images().get(0);
        assertEquals("https://cdn.dress.test/s/files/midi-dress-front_1600x.jpg", front.imageUrl());
        assertEquals(1600, front.width());
        assertEquals(2400, front.height(), "height from the img's aspect ratio");
        assertEquals("Midi dress in sage, front", front.title());
        FoundImage back = image(result, "https://cdn.dress.test/s/files/midi-dress-back_1600x.webp");
        assertEquals(1600, back.width());
        FoundImage detail = image(result, "https://cdn.dress.test/s/files/midi-dress-detail.jpg?v=1712&width=1200");
        assertEquals(1200, detail.width(), "2x of a 600 px img");
        assertEquals(1800, detail.height());
    }

    @Test
    void lazyAttributesNoscriptAndFullSizeAttributesAreRead() {
        Result result = find("lazy.html");
        FoundImage front = image(result, "https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket.jpg");
        assertEquals(1800, front.width());
        assertEquals(2400, front.height());
        FoundImage back = image(result, "https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket-back-1200x1600.jpg");
        assertEquals(1200, back.width());
        assertEquals(1600, back.height());
        assertEquals("Pocket detail", image(result, "https://shop.denim.test/wp-content/uploads/2024/03/denim-jacket-pocket.jpg").title());
    }

    @Test
    void relativeUrlsFollowTheBaseElementAndTheFinalUrl() {
        Result result = find("relative.html");
        FoundImage belt = image(result, "https://cdn.trench.test/zoom/trench-4.jpg");
        assertEquals(2000, belt.width());
        assertEquals(2666, belt.height());
        assertEquals("https://trench.test/shop/assets/images/trench-1.jpg", result.images().get(0).imageUrl());
    }

    @Test
    void microdataProductImagesRankFirst() {
        Result result = find("microdata.html");
        assertEquals("https://boots.test/media/leather-boots-pair.jpg", result.images().get(0).imageUrl(),
                "an img that is itemprop=image and in the gallery beats a bare link");
    }

    @Test
    void headLinksAndOpenGraphAliasesAreRead() {
        Result result = PageImageFinder.find("""
                <html><head>
                <meta property="og:image" content="https://shop.test/img/coat.jpg">
                <meta property="og:image:secure_url" content="https://shop.test/img/coat-secure.jpg">
                <link rel="image_src" href="https://shop.test/img/coat-side.jpg">
                <link rel="preload" as="image" href="https://shop.test/img/coat-back-small.jpg"
                      imagesrcset="https://shop.test/img/coat-back-800.jpg 800w, https://shop.test/img/coat-back-1600.jpg 1600w">
                </head><body></body></html>""", "https://shop.test/p/coat", 12);
        // the secure_url is the og:image's picture, not another; a preload's srcset beats its href
        assertEquals(List.of("https://shop.test/img/coat.jpg", "https://shop.test/img/coat-back-1600.jpg",
                "https://shop.test/img/coat-side.jpg"), urls(result));
        assertEquals(1600, image(result, "https://shop.test/img/coat-back-1600.jpg").width());
    }

    @Test
    void outfitPagesKeepEveryItemAndTheLookItself() {
        Result result = find("outfit.html");
        assertEquals("Outfit", result.pageTitle());
        assertEquals("https://img.stylebook.test/outfits/autumn-look.jpg?imwidth=1200", result.images().get(0).imageUrl());
        assertEquals(5, result.images().size());
    }

    @Test
    void scriptDataIsTheLastResortOfScriptRenderedPages() {
        Result result = find("next.html");
        assertEquals("https://images.vest.test/products/puffer-vest-olive-front.jpg", result.images().get(0).imageUrl());
        assertNull(result.images().get(0).width());
    }

    @Test
    void amazonsDynamicImageAttributeGivesTheHiresPicture() {
        Result result = find("amazon-like.html");
        assertEquals(1, result.images().size());
        assertEquals("Rain jacket", result.images().get(0).title());
    }

    @Test
    void theLimitCutsTheRankedList() {
        Page page = TestPages.page("outfit.html");
        Result two = PageImageFinder.find(page.html(), page.url(), 2);
        assertEquals(urls(PageImageFinder.find(page.html(), page.url(), 20)).subList(0, 2), urls(two));
    }

    @Test
    void aPageWithoutPicturesGivesNone() {
        Result result = PageImageFinder.find("<html><head><title> Empty \n page </title></head><body><p>Hi</p></body></html>",
                "https://empty.test/", 12);
        assertEquals("Empty page", result.pageTitle());
        assertTrue(result.images().isEmpty());
    }

    @Test
    void isDeterministic() {
        for (Page page : TestPages.ALL) {
            assertEquals(PageImageFinder.find(page.html(), page.url(), 20), PageImageFinder.find(page.html(), page.url(), 20));
        }
    }

    @Test
    void plausibleSizesExcludeIconsPixelsAndBanners() {
        assertTrue(PageImageFinder.plausibleSize(null, null));
        assertTrue(PageImageFinder.plausibleSize(800, null));
        assertTrue(PageImageFinder.plausibleSize(100, 400));
        assertTrue(!PageImageFinder.plausibleSize(99, 400));
        assertTrue(!PageImageFinder.plausibleSize(1, 1));
        assertTrue(!PageImageFinder.plausibleSize(null, 64));
        assertTrue(!PageImageFinder.plausibleSize(1600, 399));
        assertTrue(!PageImageFinder.plausibleSize(200, 801));
    }
}
