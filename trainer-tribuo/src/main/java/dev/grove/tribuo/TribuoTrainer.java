package dev.grove.tribuo;

import dev.grove.InvalidDataException;
import dev.grove.data.Dataset;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import org.tribuo.Tribuo;

/**
 * Grove's {@code tribuo} trainer: a random forest from Tribuo's {@code RandomForestTrainer} over
 * {@code CARTClassificationTrainer} with a voting combiner, made practical at scale by binning
 * numeric features, training independently seeded sub-forests in parallel and saving the trees
 * in a compact flat file. Stateless: every fit builds fresh Tribuo trainers.
 */
public final class TribuoTrainer implements Trainer {
    public static final String NAME = "tribuo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return Tribuo.VERSION;
    }

    @Override
    public String description() {
        return "Tribuo " + Tribuo.VERSION + " random forest (Apache-2): binned features, parallel sub-forests";
    }

    @Override
    public void validate(TrainingParams params) {
        TribuoSettings.from(params);
    }

    @Override
    public void validate(TrainingParams params, Dataset train) {
        TribuoSettings.from(params).check(train);
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        TribuoSettings settings = TribuoSettings.from(params);
        if (train.size() == 0) {
            throw new InvalidDataException("the training split has no rows; give more data or a smaller test split");
        }
        ForestFitter.Result r = ForestFitter.fit(train, settings, progress, false);
        return new TribuoModel(train.classes(), r.space(), r.forest(), r.params(), r.provenance());
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        return TribuoModelFormat.read(in);
    }
}
