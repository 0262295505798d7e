package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import se.samla.SamlaIntegrationTest;

/**
 * Every page fits a phone: on a 360 × 800 touch screen no page scrolls sideways, and every target a finger must hit is
 * at least 24 × 24 CSS pixels (WCAG 2.2, 2.5.8), logged out, as a resident and as staff; axe-core passes at that size.
 * A page made too wide on purpose is caught, so the measuring itself is tested.
 */
class PhoneLayoutIT extends SamlaIntegrationTest {

    static final List<String> PUBLIC = List.of(
            "/",
            "/sok?q=bygglov",
            "/e-tjanster",
            "/felanmalan",
            "/felanmalan/ny",
            "/diarium",
            "/oppna-data",
            "/lokaler",
            "/givare",
            "/logga-in");

    static final List<String> RESIDENT = List.of(
            "/mina-sidor",
            "/mina-sidor/agera-for",
            "/mina-sidor/atkomst",
            "/mina-sidor/bokningar",
            "/mina-sidor/fakturor",
            "/mina-sidor/meddelanden",
            "/mina-sidor/meddelanden/nytt",
            "/mina-sidor/mina-uppgifter",
            "/mina-sidor/post",
            "/mina-sidor/post/installningar");

    static final Map<String, List<String>> STAFF = Map.of(
            "Ada Administratör",
            List.of(
                    "/personal",
                    "/personal/arenden",
                    "/admin/granskningslogg",
                    "/admin/open311",
                    "/admin/oppna-data",
                    "/admin/sensorer"),
            "Rune Registrator",
            List.of("/personal/arkiv", "/personal/begaranden", "/personal/gallring", "/personal/inkorg"),
            "Elin Ekonom",
            List.of("/personal/betalningar"),
            "Frida Fritidsson",
            List.of("/personal/bokningar", "/personal/moten"),
            "Gunnel Gatuchef",
            List.of("/personal/felanmalan/karta", "/personal/givare", "/personal/post"),
            "Maja Chef",
            List.of("/personal/insikter"));

    /**
     * What does not fit, as the browser lays it out: the page wider than the screen, or a target smaller than 24 px.
     * A link within a sentence is exempt (its size is the line's), as 2.5.8 allows; a checkbox or radio button is
     * measured together with its label, which is its target too.
     */
    static final String MISFITS = """
            const found = [];
            // the phone's width: a page wider than it may widen the layout viewport itself, so not innerWidth
            const width = Math.min(window.innerWidth, screen.width);
            const pageWidth = document.documentElement.scrollWidth;
            if (pageWidth > width) {
              // named by the innermost elements that reach past the screen's edge
              const over = e => e.getBoundingClientRect().right > width + 1;
              const culprits = [...document.querySelectorAll('body *')]
                  .filter(e => over(e) && ![...e.children].some(over))
                  .filter(e => !e.closest('.table-scroll') || getComputedStyle(e).position === 'absolute')
                  .slice(0, 3)
                  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "'
                      + (e.innerText || '').trim().slice(0, 30) + '"');
              found.push('the page is ' + pageWidth + ' px wide on a ' + width + ' px screen: ' + culprits.join(', '));
            }
            // what is folded away is measured too
            document.querySelectorAll('details').forEach(d => d.open = true);
            const inSentence = e => {
              const s = getComputedStyle(e);
              if (s.display !== 'inline') return false;
              return [...e.parentElement.childNodes]
                  .some(n => n !== e && n.nodeType === 3 && /[\\p{L}\\p{N}]/u.test(n.textContent));
            };
            const box = e => {
              let r = e.getBoundingClientRect();
              if ((e.type === 'checkbox' || e.type === 'radio') && e.labels && e.labels.length) {
                const l = e.labels[0].getBoundingClientRect();
                const left = Math.min(r.left, l.left), top = Math.min(r.top, l.top);
                r = {width: Math.max(r.right, l.right) - left, height: Math.max(r.bottom, l.bottom) - top};
              }
              return r;
            };
            for (const e of document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')) {
              const s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
              if (e.matches('.skip-link, .visually-hidden')) continue; // shown only with focus, then full size
              if (e.closest('.leaflet-container')) continue; // the map's own controls are Leaflet's, 30 px
              if (e.tagName === 'A' && inSentence(e)) continue;
              const b = box(e);
              if (b.width < 24 || b.height < 24) {
                const name = (e.innerText || e.value || e.getAttribute('aria-label') || e.name || e.id || '').trim();
                found.push(e.tagName.toLowerCase() + ' "' + name.slice(0, 40) + '" ' + Math.round(b.width) + '×'
                    + Math.round(b.height) + ' px');
              }
            }
            return found;
            """;

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    List<String> misfits(Browser browser, String path) {
        browser.open(at(path));
        // the page itself, not a login, a refusal or an error page in its place
        assertThat(browser.url()).as("shown at its own address").isEqualTo(at(path));
        assertThat(browser.heading()).as("the heading of %s", path).isNotBlank().doesNotContain("Sidan finns inte");
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) ((JavascriptExecutor) browser.driver).executeScript(MISFITS);
        browser.assertAccessible();
        return found.stream().map(m -> path + ": " + m).toList();
    }

    @Test
    void aPageTooWideOrATargetTooSmallIsFound() {
        try (Browser phone = Browser.phone()) {
            phone.open(at("/"));
            ((JavascriptExecutor) phone.driver).executeScript("""
                    const wide = document.createElement('div');
                    wide.style.width = '500px';
                    wide.textContent = 'bred';
                    document.querySelector('main').append(wide);
                    const tiny = document.createElement('button');
                    tiny.textContent = 'x';
                    tiny.style.cssText = 'min-height: 0; padding: 0; font-size: 10px; line-height: 1';
                    document.querySelector('main').append(tiny);
                    """);
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) ((JavascriptExecutor) phone.driver).executeScript(MISFITS);
            assertThat(found)
                    .anySatisfy(
                            m -> assertThat(m).startsWith("the page is ").contains(" on a 360 px screen: div \"bred\""))
                    .anySatisfy(m -> assertThat(m).startsWith("button \"x\""));
        }
    }

    @Test
    void everyPublicAndResidentPageFitsAPhone() {
        List<String> misfits = new ArrayList<>();
        try (Browser phone = Browser.phone()) {
            for (String path : PUBLIC) {
                misfits.addAll(misfits(phone, path));
            }
            phone.open(at("/logga-in"));
            phone.click("Logga in med e-legitimation");
            phone.click("Tolvan Tolvansson");
            for (String path : RESIDENT) {
                misfits.addAll(misfits(phone, path));
            }
        }
        assertThat(misfits).as("what does not fit a 360 px phone").isEmpty();
    }

    @Test
    void everyStaffPageFitsAPhone() {
        List<String> misfits = new ArrayList<>();
        for (var staff : STAFF.entrySet()) {
            try (Browser phone = Browser.phone()) {
                phone.open(at("/logga-in"));
                phone.click("Logga in som personal");
                phone.click(staff.getKey());
                for (String path : staff.getValue()) {
                    misfits.addAll(misfits(phone, path));
                }
            }
        }
        assertThat(misfits).as("what does not fit a 360 px phone").isEmpty();
    }
}
