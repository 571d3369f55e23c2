package io.stratum.action.record;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read access to generic records. 400/404 are problems via Boot's problem-details handler. */
@RestController
@RequestMapping("/api/records")
class RecordController {

    private final Records records;

    RecordController(Records records) {
        this.records = records;
    }

    @GetMapping("/{type}/{key}")
    StoredRecord record(@PathVariable String type, @PathVariable String key) {
        if (!RecordStore.TYPE.matcher(type).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "type: must match " + RecordStore.TYPE.pattern());
        }
        return records.find(type, key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No " + type + " record with key " + key));
    }
}
