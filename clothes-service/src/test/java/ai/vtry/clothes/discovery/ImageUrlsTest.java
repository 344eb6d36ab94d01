package ai.vtry.clothes.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImageUrlsTest {

    private static void samePicture(String a, String b) {
        assertEquals(ImageUrls.pictureKey(a), ImageUrls.pictureKey(b), a + " ~ " + b);
    }

    private static void otherPicture(String a, String b) {
        assertNotEquals(ImageUrls.pictureKey(a), ImageUrls.pictureKey(b), a + " vs " + b);
    }

    @Test
    void theSamePictureAtOtherSizesAndFormatsSharesAKey() {
        samePicture("https://cdn.shop.test/files/dress_400x.jpg", "https://cdn.shop.test/files/dress_1600x.jpg?v=17");
        samePicture("https://cdn.shop.test/files/dress_400x600_crop_center@2x.jpg", "http://www.cdn.shop.test/files/dress.jpg");
        samePicture("https://wp.test/uploads/shirt-300x400.jpg", "https://wp.test/uploads/shirt.jpg");
        samePicture("https://wp.test/uploads/shirt-scaled.jpg", "https://wp.test/uploads/shirt.jpg");
        samePicture("https://m.test/images/I/71abc._AC_SX679_.jpg", "https://m.test/images/I/71abc._AC_UL1500_.jpg");
        samePicture("https://res.test/demo/image/upload/w_400,h_600,c_fill/v1712/look.jpg", "https://res.test/demo/image/upload/look.webp");
        samePicture("https://s.test/media/catalog/product/cache/0f831c1845fc143d00d6d1ebc49f446a/o/x/shirt.jpg",
                "https://s.test/media/catalog/product/cache/9df78eab/o/x/shirt.jpg");
        samePicture("https://img.test/p/coat.jpg?w=200&q=80&fm=webp", "https://img.test/p/coat.jpg?width=1200");
        samePicture("https://img.test/p/coat.jpg?$pdp_main$&wid=1000", "https://img.test/p/coat.png");
        samePicture("https://img.test/large/coat.jpg", "https://img.test/thumb/coat.jpg");
        samePicture("https://img.test/p/coat@2x.jpg", "https://img.test/p/coat.jpg");
    }

    @Test
    void differentPicturesKeepDifferentKeys() {
        otherPicture("https://img.test/p/coat-front.jpg", "https://img.test/p/coat-back.jpg");
        otherPicture("https://img.test/p/image.jpg?id=1", "https://img.test/p/image.jpg?id=2");
        otherPicture("https://a.test/p/coat.jpg", "https://b.test/p/coat.jpg");
        otherPicture("https://img.test/2023/coat.jpg", "https://img.test/2024/coat.jpg");
    }

    @Test
    void junkIsRecognisedByWholeWordsOnly() {
        assertTrue(ImageUrls.junkPath("https://x.test/assets/logo.png"));
        assertTrue(ImageUrls.junkPath("https://x.test/img/icons/cart-32.png"));
        assertTrue(ImageUrls.junkPath("https://x.test/static/ui-sprite.png"));
        assertTrue(ImageUrls.junkPath("https://x.test/img/1x1.png"));
        assertTrue(ImageUrls.junkPath("https://x.test/img/siteLogo.png"));
        assertFalse(ImageUrls.junkPath("https://x.test/p/silicone-raincoat.jpg"));
        assertFalse(ImageUrls.junkPath("https://x.test/p/catalogue/dress.jpg"));
        assertFalse(ImageUrls.junkPath("https://x.test/p/11x14-print.jpg"));
    }

    @Test
    void onlyImportableHttpPicturesThatAreNotTrackersAreUsable() {
        assertTrue(ImageUrls.usable("https://x.test/p/a.jpg"));
        assertTrue(ImageUrls.usable("https://x.test/image/upload/abc"));
        assertFalse(ImageUrls.usable("https://x.test/p/a.svg"));
        assertFalse(ImageUrls.usable("https://x.test/p/a.gif"));
        assertFalse(ImageUrls.usable("https://x.test/p/a.avif"));
        assertFalse(ImageUrls.usable("data:image/png;base64,AAAA"));
        assertFalse(ImageUrls.usable("javascript:alert(1)"));
        assertFalse(ImageUrls.usable("https://www.facebook.com/tr?id=1"));
        assertFalse(ImageUrls.usable("https://stats.g.doubleclick.net/p.jpg"));
        assertFalse(ImageUrls.usable("https://pixel.shop.test/a.png"));
    }

    @Test
    void widthHintsFromCdnUrls() {
        assertEquals(800, ImageUrls.widthHint("https://x.test/a.jpg?w=800"));
        assertEquals(1600, ImageUrls.widthHint("https://cdn.test/files/a_1600x.jpg"));
        assertEquals(300, ImageUrls.widthHint("https://wp.test/a-300x400.jpg"));
        assertEquals(400, ImageUrls.widthHint("https://res.test/image/upload/w_400,h_600/a.jpg"));
        assertEquals(679, ImageUrls.widthHint("https://m.test/I/71abc._AC_SX679_.jpg"));
        assertNull(ImageUrls.widthHint("https://x.test/a.jpg"));
    }

    @Test
    void srcsetIsParsedLikeBrowsersDo() {
        List<Srcset.Entry> entries = Srcset.parse(
                "https://res.test/image/upload/w_400,h_600/a.jpg 400w, https://res.test/image/upload/w_800,h_1200/a.jpg 800w");
        assertEquals(2, entries.size());
        assertEquals("https://res.test/image/upload/w_800,h_1200/a.jpg", entries.get(1).url());
        assertEquals(800, entries.get(1).width());
        assertEquals("b.jpg", Srcset.largest("a.jpg 1x, b.jpg 2x").orElseThrow().url());
        assertEquals("a.jpg", Srcset.largest("a.jpg, b.jpg 0.5x").orElseThrow().url());
        assertEquals("c.jpg", Srcset.largest("a.jpg 100w,b.jpg 50w,c.jpg 900w").orElseThrow().url());
        assertEquals(Optional.empty(), Srcset.largest("  "));
        assertEquals("x.jpg", Srcset.largest("x.jpg 300w (broken), y.jpg 10w").orElseThrow().url());
    }

    @Test
    void pixelsAreWholePositiveNumbers() {
        assertEquals(1200, PageImageFinder.pixels("1200"));
        assertEquals(640, PageImageFinder.pixels(" 640px "));
        assertEquals(10, PageImageFinder.pixels("10.5"));
        assertNull(PageImageFinder.pixels("100%"));
        assertNull(PageImageFinder.pixels("0"));
        assertNull(PageImageFinder.pixels("auto"));
    }
}
