package se.samla.reports.view;

import java.util.List;

/** The Open311 keys of a municipality; a new key's secret only on the page that issued it. */
public record Open311KeysView(
        List<Key> keys, String issuedName, String issuedSecret, String error, String jurisdiction) {

    public record Key(String id, String name, String created, String revoked) {}
}
